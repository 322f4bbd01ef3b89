package dev.shapesvae.analysis.report;

import dev.shapesvae.dataset.Shape;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts: training curves and latent distributions with XChart, the correlation heatmap with Java2D. */
public final class Charts {
    /** One colour per shape, in {@link Shape} order, used wherever shapes are compared. */
    static final Color[] SHAPE_COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};

    private Charts() {
    }

    /** Training and validation loss per epoch from a history: columns epoch, train total, validation total (NaN if absent). */
    public static BufferedImage trainingCurves(String title, List<double[]> rows) {
        XYChart chart = new XYChartBuilder().width(700).height(400).title(title).xAxisTitle("epoch").yAxisTitle("loss (total)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<Double> epochs = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        List<Double> validEpochs = new ArrayList<>();
        List<Double> valid = new ArrayList<>();
        for (double[] row : rows) {
            if (row[1] > 0) {
                epochs.add(row[0]);
                train.add(row[1]);
            }
            if (!Double.isNaN(row[2]) && row[2] > 0) {
                validEpochs.add(row[0]);
                valid.add(row[2]);
            }
        }
        XYSeries t = chart.addSeries("train", epochs, train);
        t.setMarker(SeriesMarkers.NONE);
        if (!valid.isEmpty()) {
            chart.addSeries("validation", validEpochs, valid).setMarker(SeriesMarkers.CIRCLE);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** One box plot per latent dimension with a box per shape (named on the axis), tiled in a grid. */
    public static BufferedImage latentDistributions(String title, double[][][] valuesByDimensionAndShape) {
        List<BoxChart> charts = new ArrayList<>();
        for (int d = 0; d < valuesByDimensionAndShape.length; d++) {
            BoxChart chart = new BoxChartBuilder().width(260).height(200).title(title + ": z" + d).build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setSeriesColors(SHAPE_COLOURS);
            chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (Shape shape : Shape.values()) {
                chart.addSeries(shape.label(), valuesByDimensionAndShape[d][shape.ordinal()]);
            }
            charts.add(chart);
        }
        int columns = Math.min(6, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage out = new BufferedImage(columns * 260, rows * 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % columns) * 260, (i / columns) * 200, null);
        }
        g.dispose();
        return out;
    }

    /** Dimensions (rows) by features (columns), blue for negative to red for positive, values printed. */
    public static BufferedImage heatmap(String title, double[][] values, List<String> features) {
        int cell = 52;
        int rowHeight = 20;
        int left = 50;
        int top = 56;
        BufferedImage out = new BufferedImage(left + features.size() * cell + 16, top + values.length * rowHeight + 12, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 8, 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int f = 0; f < features.size(); f++) {
            g.drawString(features.get(f), left + f * cell + 4, top - 8);
        }
        for (int d = 0; d < values.length; d++) {
            g.setColor(Color.BLACK);
            g.drawString("z" + d, 8, top + d * rowHeight + 14);
            for (int f = 0; f < features.size(); f++) {
                double v = values[d][f];
                g.setColor(diverging(v));
                g.fillRect(left + f * cell, top + d * rowHeight, cell - 1, rowHeight - 1);
                g.setColor(Double.isNaN(v) || Math.abs(v) < 0.6 ? Color.BLACK : Color.WHITE);
                g.drawString(Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.2f", v), left + f * cell + 8, top + d * rowHeight + 14);
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(left, top, features.size() * cell - 1, values.length * rowHeight - 1);
        g.dispose();
        return out;
    }

    /** -1 blue, 0 white, +1 red; grey for NaN. */
    static Color diverging(double v) {
        if (Double.isNaN(v)) {
            return Color.LIGHT_GRAY;
        }
        double t = Math.max(-1, Math.min(1, v));
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }
}
