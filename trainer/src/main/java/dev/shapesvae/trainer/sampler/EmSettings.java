package dev.shapesvae.trainer.sampler;

/**
 * How EM fits one mixture, after scikit-learn's GaussianMixture (which pythae's gmm sampler uses).
 *
 * @param maxIterations the most EM iterations (scikit-learn's max_iter, 100)
 * @param tolerance EM stops once the mean log-likelihood of the codes changes by less than this, in nats (tol, 1e-3)
 * @param covarianceFloor added to every covariance's diagonal at every step (reg_covar, 1e-6), so that
 *     a component over a few codes, or over the near-constant codes of a VAE's collapsed dimensions, is never singular
 */
public record EmSettings(int maxIterations, double tolerance, double covarianceFloor) {
    /** scikit-learn's defaults. */
    public static final EmSettings DEFAULTS = new EmSettings(100, 1e-3, 1e-6);

    public EmSettings {
        if (maxIterations <= 0) {
            throw new IllegalArgumentException("maxIterations must be positive, got " + maxIterations);
        }
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a positive number, got " + tolerance);
        }
        if (!(covarianceFloor > 0) || Double.isInfinite(covarianceFloor)) {
            throw new IllegalArgumentException("covarianceFloor must be a positive number, got " + covarianceFloor);
        }
    }
}
