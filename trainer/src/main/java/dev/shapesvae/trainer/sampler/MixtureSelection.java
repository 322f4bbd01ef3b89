package dev.shapesvae.trainer.sampler;

import dev.shapesvae.inference.GaussianMixture;
import dev.shapesvae.inference.GaussianMixtureFile;
import dev.shapesvae.inference.MixtureFit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Fits the {@code gmm} sampler as pythae's GaussianMixtureSampler does (full covariances, fitted
 * to the training codes), but chooses the number of components rather than taking a fixed one: a
 * mixture is fitted for each candidate number, and the one whose held-out (validation) codes are
 * most likely is kept. A candidate with fewer than L + 1 training codes per component cannot have
 * full-rank covariances of its own and is skipped, as is one whose fit fails; both are recorded
 * with the reason in the file's {@link MixtureFit}.
 */
public final class MixtureSelection {
    /** Powers of two up to 128: on the paper VAE's codes the held-out log-likelihood rose to 64 and fell at 128. */
    public static final List<Integer> DEFAULT_COMPONENTS = List.of(1, 2, 4, 8, 16, 32, 64, 128);
    /** The most components a candidate may ask for: far beyond what 7042 codes support. */
    public static final int MAX_COMPONENTS = 1024;

    private MixtureSelection() {
    }

    /**
     * Checks a list of candidate numbers of components, as given on the command line.
     *
     * @throws IllegalArgumentException naming the bad number
     */
    public static List<Integer> checkCandidates(List<Integer> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("give at least one number of components");
        }
        for (int k : candidates) {
            if (k < 1 || k > MAX_COMPONENTS) {
                throw new IllegalArgumentException("a number of components must be between 1 and " + MAX_COMPONENTS + ", got " + k);
            }
        }
        return List.copyOf(new TreeSet<>(candidates));
    }

    /**
     * Fits every candidate to {@code codes} with EM seeded by {@code seed} and keeps the best by held-out log-likelihood.
     *
     * @throws IllegalArgumentException when no candidate could be fitted to these codes, naming why for each
     */
    public static GaussianMixtureFile fit(LatentCodes codes, List<Integer> candidates, long seed, EmSettings settings) {
        int dim = codes.latentDim();
        int perComponent = dim + 1;
        List<MixtureFit.Candidate> fitted = new ArrayList<>();
        List<MixtureFit.SkippedCandidate> skipped = new ArrayList<>();
        GaussianMixture best = null;
        double bestLogLikelihood = Double.NEGATIVE_INFINITY;
        for (int k : checkCandidates(candidates)) {
            if ((long) k * perComponent > codes.train().length) {
                skipped.add(new MixtureFit.SkippedCandidate(k, String.format(Locale.ROOT,
                        "fewer than L + 1 = %d training codes per component (%d codes)", perComponent, codes.train().length)));
                continue;
            }
            ExpectationMaximization.Result result;
            try {
                result = ExpectationMaximization.fit(codes.train(), k, seed, settings);
            } catch (RuntimeException e) {
                skipped.add(new MixtureFit.SkippedCandidate(k, "the fit failed: " + e.getMessage()));
                continue;
            }
            double heldOut = result.density().meanLogLikelihood(codes.validation());
            if (!Double.isFinite(heldOut) || !Double.isFinite(result.trainLogLikelihood())) {
                skipped.add(new MixtureFit.SkippedCandidate(k, "the fit's log-likelihood is not finite"));
                continue;
            }
            fitted.add(new MixtureFit.Candidate(k, result.trainLogLikelihood(), heldOut, result.iterations(), result.converged()));
            // Strictly better only: among equals, the fewest components.
            if (heldOut > bestLogLikelihood) {
                best = result.mixture();
                bestLogLikelihood = heldOut;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no number of components could be fitted: "
                    + String.join("; ", skipped.stream().map(s -> s.components() + ": " + s.reason()).toList()));
        }
        MixtureFit fit = new MixtureFit(codes.encoderOutput(), codes.splitSeed(), codes.trainFraction(), codes.train().length,
                codes.validation().length, seed, settings.covarianceFloor(), settings.maxIterations(), settings.tolerance(),
                fitted, skipped);
        return new GaussianMixtureFile(best, fit);
    }

    /** One line on what was chosen, from what: "64 components, held-out log-likelihood 67.36 nats per code (of 1: 34.53, 2: 37.94, ...)". */
    public static String describe(MixtureFit fit) {
        MixtureFit.Candidate chosen = fit.chosen();
        List<String> tried = new ArrayList<>();
        fit.candidates().forEach(c -> tried.add(String.format(Locale.ROOT, "%d: %.2f", c.components(), c.validationLogLikelihood())));
        fit.skipped().forEach(s -> tried.add(s.components() + ": skipped"));
        return String.format(Locale.ROOT, "%d component%s, held-out log-likelihood %.2f nats per code (of %s)", chosen.components(),
                chosen.components() == 1 ? "" : "s", chosen.validationLogLikelihood(), String.join(", ", tried));
    }
}
