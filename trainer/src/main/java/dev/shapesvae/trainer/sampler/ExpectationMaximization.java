package dev.shapesvae.trainer.sampler;

import dev.shapesvae.inference.GaussianMixture;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;

/**
 * Expectation-maximisation for a Gaussian mixture with full covariances, as scikit-learn's
 * GaussianMixture does it: the responsibilities start as the clusters of k-means++ (Commons
 * Math's, seeded, so that the same codes and seed give the same mixture), then each iteration
 * computes every code's responsibilities in the log domain (E) and the weights, means and
 * covariances they imply, each covariance plus the floor on its diagonal (M).
 *
 * <p>Not Commons Math's {@code MultivariateNormalMixtureExpectationMaximization}: it has no
 * covariance floor (it throws once a component is singular), takes densities outside the log
 * domain, and allocates three L x L matrices per code and component in every M-step.
 */
final class ExpectationMaximization {
    /** Lloyd iterations of the k-means that starts EM (scikit-learn runs k-means to convergence; it rarely needs more). */
    private static final int KMEANS_ITERATIONS = 100;
    /** Added to every component's share of responsibility, as scikit-learn does, so that an empty component divides by no zero. */
    private static final double EMPTY_COMPONENT_GUARD = 10 * Math.ulp(1.0);

    private ExpectationMaximization() {
    }

    /**
     * One fitted mixture.
     *
     * @param trainLogLikelihood the mean log-likelihood of the codes under {@code mixture}, in nats per code
     * @param iterations E-steps run
     * @param converged whether the log-likelihood settled within the tolerance before the iteration limit
     */
    record Result(GaussianMixture mixture, MixtureDensity density, double trainLogLikelihood, int iterations, boolean converged) {
    }

    /** Fits {@code components} Gaussians to {@code codes}. */
    static Result fit(double[][] codes, int components, long seed, EmSettings settings) {
        double[][] responsibilities = initialResponsibilities(codes, components, seed);
        Parameters parameters = maximise(codes, responsibilities, settings.covarianceFloor());
        double previous = Double.NaN;
        for (int iteration = 1; ; iteration++) {
            MixtureDensity density = parameters.density();
            double logLikelihood = expect(codes, density, responsibilities);
            boolean converged = iteration > 1 && Math.abs(logLikelihood - previous) < settings.tolerance();
            if (converged || iteration == settings.maxIterations()) {
                return new Result(parameters.mixture(), density, logLikelihood, iteration, converged);
            }
            previous = logLikelihood;
            parameters = maximise(codes, responsibilities, settings.covarianceFloor());
        }
    }

    /** One-hot responsibilities: each code belongs to the nearest centre of a seeded k-means++. */
    private static double[][] initialResponsibilities(double[][] codes, int components, long seed) {
        double[][] responsibilities = new double[codes.length][components];
        if (components == 1) {
            for (double[] row : responsibilities) {
                row[0] = 1;
            }
            return responsibilities;
        }
        List<DoublePoint> points = Arrays.stream(codes).map(DoublePoint::new).toList();
        List<CentroidCluster<DoublePoint>> clusters = new KMeansPlusPlusClusterer<DoublePoint>(components, KMEANS_ITERATIONS,
                new EuclideanDistance(), new Well19937c(seed)).cluster(points);
        double[][] centres = clusters.stream().map(c -> c.getCenter().getPoint()).toArray(double[][]::new);
        for (int i = 0; i < codes.length; i++) {
            responsibilities[i][nearest(centres, codes[i])] = 1;
        }
        return responsibilities;
    }

    private static int nearest(double[][] centres, double[] x) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int k = 0; k < centres.length; k++) {
            double distance = 0;
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - centres[k][j];
                distance += d * d;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = k;
            }
        }
        return best;
    }

    /** The E-step: every code's responsibilities under {@code density}; returns the mean log-likelihood. */
    private static double expect(double[][] codes, MixtureDensity density, double[][] responsibilities) {
        double[] logs = new double[density.components()];
        double total = 0;
        for (int i = 0; i < codes.length; i++) {
            double logDensity = density.logDensity(codes[i], logs);
            total += logDensity;
            for (int k = 0; k < logs.length; k++) {
                responsibilities[i][k] = Math.exp(logs[k] - logDensity);
            }
        }
        return total / codes.length;
    }

    /** The M-step: the weights, means and covariances (plus the floor) that the responsibilities imply. */
    private static Parameters maximise(double[][] codes, double[][] responsibilities, double covarianceFloor) {
        int n = codes.length;
        int dim = codes[0].length;
        int components = responsibilities[0].length;
        double[] weights = new double[components];
        double[][] means = new double[components][dim];
        double[][][] covariances = new double[components][dim][dim];
        double totalWeight = 0;
        for (int k = 0; k < components; k++) {
            double share = EMPTY_COMPONENT_GUARD;
            for (int i = 0; i < n; i++) {
                double r = responsibilities[i][k];
                share += r;
                for (int j = 0; j < dim; j++) {
                    means[k][j] += r * codes[i][j];
                }
            }
            for (int j = 0; j < dim; j++) {
                means[k][j] /= share;
            }
            covariances[k] = covariance(codes, responsibilities, k, means[k], share, covarianceFloor);
            weights[k] = share;
            totalWeight += share;
        }
        for (int k = 0; k < components; k++) {
            weights[k] /= totalWeight;
        }
        return new Parameters(weights, means, covariances);
    }

    private static double[][] covariance(double[][] codes, double[][] responsibilities, int k, double[] mean, double share,
            double covarianceFloor) {
        int dim = mean.length;
        double[][] sum = new double[dim][dim];
        double[] diff = new double[dim];
        for (int i = 0; i < codes.length; i++) {
            double r = responsibilities[i][k];
            if (r == 0) {
                continue;
            }
            for (int j = 0; j < dim; j++) {
                diff[j] = codes[i][j] - mean[j];
            }
            for (int a = 0; a < dim; a++) {
                double weighted = r * diff[a];
                double[] row = sum[a];
                for (int b = 0; b <= a; b++) {
                    row[b] += weighted * diff[b];
                }
            }
        }
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < a; b++) {
                sum[a][b] /= share;
                sum[b][a] = sum[a][b];
            }
            sum[a][a] = sum[a][a] / share + covarianceFloor;
        }
        return sum;
    }

    private record Parameters(double[] weights, double[][] means, double[][][] covariances) {
        MixtureDensity density() {
            return new MixtureDensity(weights, means, covariances);
        }

        GaussianMixture mixture() {
            return new GaussianMixture(weights, means, covariances);
        }
    }
}
