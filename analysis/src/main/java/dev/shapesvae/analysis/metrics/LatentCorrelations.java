package dev.shapesvae.analysis.metrics;

import dev.shapesvae.dataset.Shape;
import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.inference.FloatMatrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Pearson and Spearman correlations of every latent dimension with the known features of the
 * entries: size, x, y and an indicator per shape. A constant column has no correlation: NaN.
 */
public record LatentCorrelations(List<String> features, double[][] pearson, double[][] spearman) {

    /** The features of each entry, in a fixed order: size, x, y, then one 0/1 indicator per shape. */
    public static Map<String, double[]> features(List<ShapeEntry> entries) {
        Map<String, double[]> features = new LinkedHashMap<>();
        features.put("size", entries.stream().mapToDouble(ShapeEntry::size).toArray());
        features.put("x", entries.stream().mapToDouble(ShapeEntry::x).toArray());
        features.put("y", entries.stream().mapToDouble(ShapeEntry::y).toArray());
        for (Shape shape : Shape.values()) {
            features.put(shape.label(), entries.stream().mapToDouble(e -> e.shape() == shape ? 1 : 0).toArray());
        }
        return features;
    }

    /** Correlations [dimension][feature] between the columns of {@code latents} and each feature. */
    public static LatentCorrelations of(FloatMatrix latents, Map<String, double[]> features) {
        int l = latents.columns();
        double[][] pearson = new double[l][features.size()];
        double[][] spearman = new double[l][features.size()];
        PearsonsCorrelation p = new PearsonsCorrelation();
        SpearmansCorrelation s = new SpearmansCorrelation();
        for (int d = 0; d < l; d++) {
            double[] column = column(latents, d);
            int f = 0;
            for (double[] feature : features.values()) {
                if (feature.length != column.length) {
                    throw new IllegalArgumentException("feature has " + feature.length + " values for " + column.length + " latents");
                }
                pearson[d][f] = p.correlation(column, feature);
                spearman[d][f] = s.correlation(column, feature);
                f++;
            }
        }
        return new LatentCorrelations(new ArrayList<>(features.keySet()), pearson, spearman);
    }

    static double[] column(FloatMatrix m, int d) {
        double[] column = new double[m.rows()];
        for (int i = 0; i < column.length; i++) {
            column[i] = m.data()[i * m.columns() + d];
        }
        return column;
    }
}
