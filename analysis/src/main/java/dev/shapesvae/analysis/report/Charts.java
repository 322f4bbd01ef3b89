package dev.shapesvae.analysis.report;

import dev.shapesvae.dataset.Shape;
import dev.shapesvae.repository.LossValues;
import dev.shapesvae.repository.TrainingHistory;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts: training curves and latent distributions with JFreeChart, the correlation heatmap with Java2D. */
public final class Charts {
    /** One colour per shape, in {@link Shape} order, used wherever shapes are compared. */
    static final Color[] SHAPE_COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};
    private static final int PANEL_WIDTH = 240;
    private static final int PANEL_HEIGHT = 190;
    private static final int LEGEND_HEIGHT = 28;

    private Charts() {
    }

    /** Training and validation loss (total) per epoch from a training history; epochs without validation have no point. */
    public static BufferedImage trainingCurves(String title, List<TrainingHistory.Row> rows) {
        XYSeries train = new XYSeries("train");
        XYSeries validation = new XYSeries("validation");
        for (TrainingHistory.Row row : rows) {
            // The axis is logarithmic: a loss of 0 (or NaN) has no place on it.
            if (row.train().total() > 0) {
                train.add(row.epoch(), row.train().total());
            }
            row.validation().map(LossValues::total).filter(total -> total > 0).ifPresent(total -> validation.add(row.epoch(), total));
        }
        XYSeriesCollection data = new XYSeriesCollection(train);
        if (!validation.isEmpty()) {
            data.addSeries(validation);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", "loss (total)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis loss = new LogAxis("loss (total, log scale)");
        loss.setSmallestValue(1e-12);
        loss.setNumberFormatOverride(new SignificantDigits(3));
        // Log-space ticks 10^0.2 apart: about five labels per decade.
        loss.setTickUnit(new NumberTickUnit(0.2));
        plot.setRangeAxis(loss);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesShapesVisible(0, false);
        renderer.setSeriesShapesVisible(1, true);
        renderer.setSeriesStroke(0, new BasicStroke(1.5f));
        renderer.setSeriesStroke(1, new BasicStroke(1.5f));
        plot.setRenderer(renderer);
        style(chart, 15);
        return chart.createBufferedImage(720, 400);
    }

    /**
     * One panel per latent dimension, each with a box per shape in the shape's colour (box: quartiles,
     * whiskers: the furthest values within 1.5 IQR, dots: values beyond), and one colour legend.
     */
    public static BufferedImage latentDistributions(String title, double[][][] valuesByDimensionAndShape) {
        int panels = valuesByDimensionAndShape.length;
        int columns = Math.min(6, panels);
        int rows = (panels + columns - 1) / columns;
        BufferedImage out = new BufferedImage(columns * PANEL_WIDTH, LEGEND_HEIGHT + rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        drawShapeLegend(g, title + ": latent values by shape");
        for (int d = 0; d < panels; d++) {
            BufferedImage panel = boxPanel("z" + d, valuesByDimensionAndShape[d]).createBufferedImage(PANEL_WIDTH, PANEL_HEIGHT);
            g.drawImage(panel, (d % columns) * PANEL_WIDTH, LEGEND_HEIGHT + (d / columns) * PANEL_HEIGHT, null);
        }
        g.dispose();
        return out;
    }

    private static JFreeChart boxPanel(String dimension, double[][] valuesByShape) {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        for (Shape shape : Shape.values()) {
            data.add(Arrays.stream(valuesByShape[shape.ordinal()]).boxed().toList(), shape.label(), dimension);
        }
        JFreeChart chart = ChartFactory.createBoxAndWhiskerChart(null, null, null, data, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BoxAndWhiskerRenderer renderer = (BoxAndWhiskerRenderer) plot.getRenderer();
        renderer.setMeanVisible(false);
        renderer.setUseOutlinePaintForWhiskers(false);
        renderer.setItemMargin(0.15);
        // JFreeChart marks the extreme outliers with extra circles; the plain outlier dots already show them.
        renderer.setMaxOutlierVisible(false);
        renderer.setMinOutlierVisible(false);
        for (Shape shape : Shape.values()) {
            renderer.setSeriesPaint(shape.ordinal(), SHAPE_COLOURS[shape.ordinal()]);
        }
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        style(chart, 12);
        return chart;
    }

    private static void drawShapeLegend(Graphics2D g, String title) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(title, 8, 19);
        int x = 16 + g.getFontMetrics().stringWidth(title);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (Shape shape : Shape.values()) {
            g.setColor(SHAPE_COLOURS[shape.ordinal()]);
            g.fillRect(x + 8, 9, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(shape.label(), x + 24, 19);
            x += 32 + g.getFontMetrics().stringWidth(shape.label());
        }
    }

    private static void style(JFreeChart chart, int titleSize) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, titleSize));
        }
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (chart.getPlot() instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
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

    /** Tick labels with a fixed number of significant digits (251, 0.0224), for log axes. */
    private static final class SignificantDigits extends NumberFormat {
        private final MathContext context;

        SignificantDigits(int digits) {
            this.context = new MathContext(digits);
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition position) {
            if (!Double.isFinite(number)) {
                return to.append(number);
            }
            return to.append(new BigDecimal(number).round(context).stripTrailingZeros().toPlainString());
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition position) {
            return format((double) number, to, position);
        }

        @Override
        public Number parse(String source, ParsePosition position) {
            throw new UnsupportedOperationException("tick labels are never parsed");
        }
    }
}
