package dev.shapesvae.inference;

import java.util.SplittableRandom;

/**
 * Draws from a {@link GaussianMixture}: per row, a uniform number picks the component by its
 * weight, then L values eps ~ N(0, I) give z = mean_k + t L_k eps. The Cholesky factors are
 * computed once, when the sampler is made.
 */
final class MixtureSampler extends LatentSampler {
    private final double[] cumulativeWeights;
    private final double[][] means;
    private final double[][][] factors;

    MixtureSampler(GaussianMixture mixture) {
        super(mixture.latentDim());
        int components = mixture.components();
        cumulativeWeights = new double[components];
        means = mixture.means();
        factors = new double[components][][];
        double[] weights = mixture.weights();
        double total = 0;
        for (int k = 0; k < components; k++) {
            total += weights[k];
            cumulativeWeights[k] = total;
            factors[k] = Cholesky.lower(mixture.covariance(k));
        }
    }

    @Override
    void drawRow(SplittableRandom random, double temperature, float[] z, int offset) {
        int k = component(random.nextDouble());
        double[] mean = means[k];
        double[][] factor = factors[k];
        int dim = latentDim();
        double[] eps = new double[dim];
        for (int j = 0; j < dim; j++) {
            eps[j] = random.nextGaussian();
        }
        for (int i = 0; i < dim; i++) {
            double spread = 0;
            for (int j = 0; j <= i; j++) {
                spread += factor[i][j] * eps[j];
            }
            z[offset + i] = (float) (mean[i] + temperature * spread);
        }
    }

    /** The component whose share of [0, total weight) holds {@code u} (the last one should rounding leave u above every sum). */
    private int component(double u) {
        double scaled = u * cumulativeWeights[cumulativeWeights.length - 1];
        for (int k = 0; k < cumulativeWeights.length - 1; k++) {
            if (scaled < cumulativeWeights[k]) {
                return k;
            }
        }
        return cumulativeWeights.length - 1;
    }
}
