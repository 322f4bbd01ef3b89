package dev.shapesvae.analysis.metrics;

import java.util.Arrays;

/**
 * Disentanglement, completeness and informativeness (Eastwood and Williams 2018, as
 * disentanglement_lib computes them). For each factor, gradient-boosted trees
 * ({@link GradientBoostedTrees}) learn to predict the factor from the whole code; the importance
 * of code dimension i for factor j is the trees' impurity-based importance of i.
 * <ul>
 * <li>Disentanglement: sum over dimensions i of (1 - H_K(P_i.)) rho_i, where P_i. is row i of the
 * importances normalised to sum to 1, H_K the entropy with logarithms to base K (the number of
 * factors) and rho_i dimension i's share of all importance. 1: each dimension matters for one
 * factor only.</li>
 * <li>Completeness: the same over factors, with columns normalised and logarithms to base D (the
 * number of dimensions). 1: each factor is captured by one dimension only.</li>
 * <li>Informativeness: the trees' accuracy, averaged over factors, on the examples they learned
 * from and on held-out ones (disentanglement_lib's informativeness_train and _test).</li>
 * </ul>
 * As in disentanglement_lib, 1e-11 is added to every importance before the entropies, and with no
 * importance at all every dimension (or factor) weighs the same.
 *
 * @param importance [dimension][factor], each column summing to 1 (or 0 when no tree split)
 */
public record Dci(double disentanglement, double completeness, double informativenessTrain, double informativenessTest,
        double[][] importance) {
    private static final double SMOOTHING = 1e-11;

    /** Fits one classifier per factor on {@code train} and scores it on {@code train} and {@code test}. */
    public static Dci of(LabelledCodes train, LabelledCodes test) {
        if (train.dimensions() != test.dimensions() || train.factors().size() != test.factors().size()) {
            throw new IllegalArgumentException("training and test codes differ in dimensions or factors");
        }
        int factors = train.factors().size();
        double[][] importance = new double[train.dimensions()][factors];
        double trainAccuracy = 0;
        double testAccuracy = 0;
        for (int j = 0; j < factors; j++) {
            GradientBoostedTrees trees = GradientBoostedTrees.fit(train.codes(), train.factors().get(j));
            double[] perDimension = trees.featureImportances();
            for (int i = 0; i < perDimension.length; i++) {
                // disentanglement_lib takes the magnitude: rounding can leave an unused dimension -1e-17.
                importance[i][j] = Math.abs(perDimension[i]);
            }
            trainAccuracy += trees.trainingAccuracy() / factors;
            testAccuracy += trees.accuracy(test.codes(), test.factors().get(j)) / factors;
        }
        return new Dci(disentanglement(importance), completeness(importance), trainAccuracy, testAccuracy, importance);
    }

    /** Disentanglement of an importance matrix [dimension][factor]. */
    public static double disentanglement(double[][] importance) {
        requireShape(importance);
        return weightedCertainty(importance);
    }

    /** Completeness of an importance matrix [dimension][factor]: disentanglement of its transpose. */
    public static double completeness(double[][] importance) {
        requireShape(importance);
        double[][] transposed = new double[importance[0].length][importance.length];
        for (int i = 0; i < importance.length; i++) {
            for (int j = 0; j < importance[0].length; j++) {
                transposed[j][i] = importance[i][j];
            }
        }
        return weightedCertainty(transposed);
    }

    /** Sum over rows of (1 - the row's entropy to the base of its length) times the row's share of the total. */
    private static double weightedCertainty(double[][] matrix) {
        int width = matrix[0].length;
        double total = Arrays.stream(matrix).flatMapToDouble(Arrays::stream).sum();
        double score = 0;
        for (double[] row : matrix) {
            double rowSum = 0;
            for (double v : row) {
                rowSum += v + SMOOTHING;
            }
            double entropy = 0;
            for (double v : row) {
                double p = (v + SMOOTHING) / rowSum;
                entropy -= p * Math.log(p);
            }
            double weight = total == 0 ? 1.0 / matrix.length : Arrays.stream(row).sum() / total;
            score += (1 - entropy / Math.log(width)) * weight;
        }
        return score;
    }

    private static void requireShape(double[][] importance) {
        if (importance.length < 2 || importance[0].length < 2) {
            throw new IllegalArgumentException("DCI needs at least 2 code dimensions and 2 factors, got "
                    + importance.length + " x " + (importance.length == 0 ? 0 : importance[0].length));
        }
        for (double[] row : importance) {
            if (row.length != importance[0].length) {
                throw new IllegalArgumentException("importance rows differ in length: " + row.length + " and " + importance[0].length);
            }
            for (double v : row) {
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("importances must be finite and non-negative, got " + v);
                }
            }
        }
    }
}
