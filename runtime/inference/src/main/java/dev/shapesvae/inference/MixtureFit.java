package dev.shapesvae.inference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How a {@link GaussianMixture} sampler was fitted, stored beside it so that the choice can be
 * checked: which codes (the encoder's output {@code encoderOutput} in evaluation mode for each
 * distinct image of the split), how many, the EM settings, and the mean log-likelihood of the
 * training and held-out (validation) codes for every number of components tried. The one with the
 * highest held-out log-likelihood was kept ({@link #chosen()}, which the file also states as
 * {@code chosen}, the number of components, for its readers; derived from the candidates, that
 * field is ignored on reading). Log-likelihoods are in nats per code.
 *
 * @param encoderOutput the codes: {@code mean} for a VAE (its encoder's mean), {@code z} for an autoencoder
 * @param splitSeed the seed of the train/validation split the codes come from
 * @param trainFraction the share of distinct images in the training split
 * @param trainCodes how many training codes EM was fitted to
 * @param validationCodes how many held-out codes chose the number of components
 * @param seed the seed of EM's initialisation (k-means++), which makes the fit reproducible
 * @param covarianceFloor the ridge added to every covariance's diagonal at every step, so that no component is singular
 * @param maxIterations the most EM iterations per candidate
 * @param tolerance EM stops once the mean training log-likelihood changes by less than this
 * @param candidates every number of components fitted, in the order tried
 * @param skipped numbers of components not fitted, and why
 */
@JsonIgnoreProperties(value = "chosen", allowGetters = true)
public record MixtureFit(String encoderOutput, long splitSeed, double trainFraction, int trainCodes, int validationCodes,
        long seed, double covarianceFloor, int maxIterations, double tolerance, List<Candidate> candidates,
        List<SkippedCandidate> skipped) {
    public MixtureFit {
        if (encoderOutput == null || encoderOutput.isBlank()) {
            throw new IllegalArgumentException("encoderOutput is missing");
        }
        positive("trainCodes", trainCodes);
        positive("validationCodes", validationCodes);
        positive("maxIterations", maxIterations);
        if (!(covarianceFloor >= 0) || Double.isInfinite(covarianceFloor)) {
            throw new IllegalArgumentException("covarianceFloor must be a finite number >= 0, got " + covarianceFloor);
        }
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a positive number, got " + tolerance);
        }
        candidates = List.copyOf(candidates);
        skipped = List.copyOf(skipped);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate was fitted, so there is no mixture to keep");
        }
    }

    /** The candidate kept: the highest held-out log-likelihood, of equal ones the first tried (the fewest components). */
    public Candidate chosen() {
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            best = c.validationLogLikelihood() > best.validationLogLikelihood() ? c : best;
        }
        return best;
    }

    /** The number of components kept, as the file states it. */
    @JsonProperty("chosen")
    private int chosenComponents() {
        return chosen().components();
    }

    /**
     * One number of components fitted.
     *
     * @param trainLogLikelihood the mean log-likelihood of the training codes under the fitted mixture
     * @param validationLogLikelihood the same for the held-out codes: the figure that chose
     * @param iterations EM iterations run
     * @param converged whether EM stopped by the tolerance rather than by the iteration limit
     */
    public record Candidate(int components, double trainLogLikelihood, double validationLogLikelihood, int iterations, boolean converged) {
        public Candidate {
            positive("components", components);
            finite("trainLogLikelihood", trainLogLikelihood);
            finite("validationLogLikelihood", validationLogLikelihood);
            positive("iterations", iterations);
        }
    }

    /** A number of components not fitted, and why. */
    public record SkippedCandidate(int components, String reason) {
        public SkippedCandidate {
            positive("components", components);
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("the reason for skipping " + components + " components is missing");
            }
        }
    }

    private static void positive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }

    private static void finite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, got " + value);
        }
    }
}
