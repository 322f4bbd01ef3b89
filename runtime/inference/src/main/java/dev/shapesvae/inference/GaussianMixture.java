package dev.shapesvae.inference;

import java.util.Arrays;

/**
 * A mixture of K Gaussians over the latent space with full covariances, as pythae's
 * {@code GaussianMixtureSampler} fits to the training set's codes: component k has weight
 * {@code weights[k]}, mean {@code means[k]} and covariance {@code covariances[k]}. Checked on
 * construction: weights positive and summing to 1, every mean of the same length L, every
 * covariance L x L, symmetric and positive definite, every number finite. Arrays are copied in and
 * out, so a mixture cannot change after it is made.
 */
public record GaussianMixture(double[] weights, double[][] means, double[][][] covariances) {
    /** How far the weights' sum may be from 1: what rounding leaves after normalising up to 64 weights. */
    private static final double WEIGHT_SUM_TOLERANCE = 1e-9;
    /** How far a covariance may be from symmetric, relative to its largest entry: rounding in the fit's sums. */
    private static final double SYMMETRY_TOLERANCE = 1e-9;

    public GaussianMixture {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("a mixture needs at least one component");
        }
        int components = weights.length;
        if (means == null || means.length != components) {
            throw new IllegalArgumentException("means has " + (means == null ? 0 : means.length) + " rows, expected one per weight (" + components + ")");
        }
        if (covariances == null || covariances.length != components) {
            throw new IllegalArgumentException("covariances has " + (covariances == null ? 0 : covariances.length)
                    + " matrices, expected one per weight (" + components + ")");
        }
        weights = weights.clone();
        means = deepCopy(means);
        covariances = deepCopy(covariances);
        checkWeights(weights);
        int dim = means[0] == null ? 0 : means[0].length;
        if (dim == 0) {
            throw new IllegalArgumentException("means[0] is empty: the latent dimension must be positive");
        }
        for (int k = 0; k < components; k++) {
            checkMean(k, means[k], dim);
            checkCovariance(k, covariances[k], dim);
        }
    }

    private static void checkWeights(double[] weights) {
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            if (!(weights[k] > 0) || Double.isInfinite(weights[k])) {
                throw new IllegalArgumentException("weights[" + k + "] must be a positive number, got " + weights[k]);
            }
            sum += weights[k];
        }
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
            throw new IllegalArgumentException("the weights sum to " + sum + ", expected 1");
        }
    }

    private static void checkMean(int k, double[] mean, int dim) {
        if (mean == null || mean.length != dim) {
            throw new IllegalArgumentException("means[" + k + "] has " + (mean == null ? 0 : mean.length) + " values, expected " + dim);
        }
        for (int j = 0; j < dim; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("means[" + k + "][" + j + "] must be finite, got " + mean[j]);
            }
        }
    }

    private static void checkCovariance(int k, double[][] covariance, int dim) {
        if (covariance == null || covariance.length != dim) {
            throw new IllegalArgumentException("covariances[" + k + "] has " + (covariance == null ? 0 : covariance.length)
                    + " rows, expected " + dim);
        }
        double largest = 0;
        for (int i = 0; i < dim; i++) {
            if (covariance[i] == null || covariance[i].length != dim) {
                throw new IllegalArgumentException("covariances[" + k + "][" + i + "] has "
                        + (covariance[i] == null ? 0 : covariance[i].length) + " values, expected " + dim);
            }
            for (int j = 0; j < dim; j++) {
                if (!Double.isFinite(covariance[i][j])) {
                    throw new IllegalArgumentException("covariances[" + k + "][" + i + "][" + j + "] must be finite, got " + covariance[i][j]);
                }
                largest = Math.max(largest, Math.abs(covariance[i][j]));
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(covariance[i][j] - covariance[j][i]) > SYMMETRY_TOLERANCE * largest) {
                    throw new IllegalArgumentException("covariances[" + k + "] is not symmetric: [" + i + "][" + j + "] is "
                            + covariance[i][j] + " but [" + j + "][" + i + "] is " + covariance[j][i]);
                }
            }
        }
        try {
            Cholesky.lower(covariance);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("covariances[" + k + "] is " + e.getMessage(), e);
        }
    }

    /** The number of components K. */
    public int components() {
        return weights.length;
    }

    /** The latent dimension L. */
    public int latentDim() {
        return means[0].length;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[][] means() {
        return deepCopy(means);
    }

    @Override
    public double[][][] covariances() {
        return deepCopy(covariances);
    }

    /** The covariance of component {@code k}, a copy. */
    public double[][] covariance(int k) {
        return deepCopy(covariances[k]);
    }

    private static double[][] deepCopy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i] == null ? null : matrix[i].clone();
        }
        return copy;
    }

    private static double[][][] deepCopy(double[][][] matrices) {
        double[][][] copy = new double[matrices.length][][];
        for (int k = 0; k < matrices.length; k++) {
            copy[k] = matrices[k] == null ? null : deepCopy(matrices[k]);
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianMixture other && Arrays.equals(weights, other.weights) && Arrays.deepEquals(means, other.means)
                && Arrays.deepEquals(covariances, other.covariances);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(weights) + Arrays.deepHashCode(means)) + Arrays.deepHashCode(covariances);
    }

    @Override
    public String toString() {
        return "GaussianMixture[" + components() + " components over " + latentDim() + " dimensions]";
    }
}
