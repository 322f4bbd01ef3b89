package dev.shapesvae.trainer.sampler;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * The log-density of a Gaussian mixture with full covariances, log sum_k w_k N(x; mu_k, Sigma_k),
 * from each covariance's Cholesky factor L_k (computed once): log N = -(L log 2 pi)/2 - sum log
 * diag(L_k) - |y|^2 / 2 with L_k y = x - mu_k. The sum over components is taken in the log domain
 * (log-sum-exp), since in 32 dimensions the densities themselves leave double's range.
 */
final class MixtureDensity {
    private final double[] logNormalisers;
    private final double[][] means;
    private final double[][][] factors;

    MixtureDensity(double[] weights, double[][] means, double[][][] covariances) {
        int dim = means[0].length;
        this.means = means;
        this.logNormalisers = new double[weights.length];
        this.factors = new double[weights.length][][];
        for (int k = 0; k < weights.length; k++) {
            factors[k] = new CholeskyDecomposition(new Array2DRowRealMatrix(covariances[k], false)).getL().getData();
            double logDet = 0;
            for (int j = 0; j < dim; j++) {
                logDet += Math.log(factors[k][j][j]);
            }
            logNormalisers[k] = Math.log(weights[k]) - logDet - 0.5 * dim * Math.log(2 * Math.PI);
        }
    }

    /** The number of components. */
    int components() {
        return logNormalisers.length;
    }

    /** log p(x); {@code componentLogs[k]} gets log (w_k N(x; mu_k, Sigma_k)). */
    double logDensity(double[] x, double[] componentLogs) {
        int dim = x.length;
        double[] y = new double[dim];
        double largest = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logNormalisers.length; k++) {
            double[][] factor = factors[k];
            double[] mean = means[k];
            double squared = 0;
            for (int i = 0; i < dim; i++) {
                double[] row = factor[i];
                double sum = x[i] - mean[i];
                for (int j = 0; j < i; j++) {
                    sum -= row[j] * y[j];
                }
                y[i] = sum / row[i];
                squared += y[i] * y[i];
            }
            componentLogs[k] = logNormalisers[k] - 0.5 * squared;
            largest = Math.max(largest, componentLogs[k]);
        }
        double sum = 0;
        for (double log : componentLogs) {
            sum += Math.exp(log - largest);
        }
        return largest + Math.log(sum);
    }

    /** The mean of log p(x) over {@code points}: the mean log-likelihood, in nats per point. */
    double meanLogLikelihood(double[][] points) {
        double[] componentLogs = new double[components()];
        double total = 0;
        for (double[] x : points) {
            total += logDensity(x, componentLogs);
        }
        return total / points.length;
    }
}
