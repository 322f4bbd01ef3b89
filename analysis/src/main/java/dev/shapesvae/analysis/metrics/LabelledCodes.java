package dev.shapesvae.analysis.metrics;

import dev.shapesvae.inference.FloatMatrix;
import java.util.Arrays;
import java.util.List;

/**
 * Codes with the ground truth they should carry: one row of {@code codes} per example (its latent
 * code, one column per dimension) and, for each factor, the factor's discrete value for every
 * example. What DCI and SAP train and test their predictors on. The factors' arrays are shared,
 * not copied, as {@link FloatMatrix} shares its values; like it, two sets of labelled codes are
 * equal when they hold the same values.
 *
 * @param factors one array per factor (shape, size, x, y for the dataset), each as long as the codes have rows
 */
public record LabelledCodes(FloatMatrix codes, List<int[]> factors) {
    public LabelledCodes {
        if (codes == null || factors == null) {
            throw new IllegalArgumentException("codes and factors are both needed");
        }
        factors = List.copyOf(factors);
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("no factors");
        }
        for (int f = 0; f < factors.size(); f++) {
            if (factors.get(f).length != codes.rows()) {
                throw new IllegalArgumentException("factor " + f + " has " + factors.get(f).length + " values for " + codes.rows() + " codes");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LabelledCodes other) || !codes.equals(other.codes) || factors.size() != other.factors.size()) {
            return false;
        }
        for (int f = 0; f < factors.size(); f++) {
            if (!Arrays.equals(factors.get(f), other.factors.get(f))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = codes.hashCode();
        for (int[] factor : factors) {
            hash = 31 * hash + Arrays.hashCode(factor);
        }
        return hash;
    }

    /** The examples at {@code rows}, in that order. */
    public LabelledCodes rows(int[] rows) {
        int width = codes.columns();
        float[] picked = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(codes.data(), rows[i] * width, picked, i * width, width);
        }
        List<int[]> pickedFactors = factors.stream().map(values -> {
            int[] out = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = values[rows[i]];
            }
            return out;
        }).toList();
        return new LabelledCodes(new FloatMatrix(rows.length, width, picked), pickedFactors);
    }

    /** Code dimension {@code d} of every example. */
    public double[] dimension(int d) {
        return LatentCorrelations.column(codes, d);
    }

    public int dimensions() {
        return codes.columns();
    }

    public int examples() {
        return codes.rows();
    }
}
