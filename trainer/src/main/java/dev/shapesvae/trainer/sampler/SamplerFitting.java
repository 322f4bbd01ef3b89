package dev.shapesvae.trainer.sampler;

import dev.shapesvae.inference.GaussianMixtureFile;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The samplers {@code trainer fit} and {@code trainer export} store with a new bundle: the
 * {@code gmm} sampler, fitted to the trained model's codes, unless turned off. What it chose is
 * said in one line on the log. A fit that fails, for want of a candidate that fits or because
 * computing the codes failed in TensorFlow or ONNX Runtime, does not cost the trained model: the
 * bundle is written with the prior only, and the line says why and how to add the sampler later.
 */
public final class SamplerFitting {
    private final boolean gmm;
    private final List<Integer> components;
    private final PrintStream log;

    private SamplerFitting(boolean gmm, List<Integer> components, PrintStream log) {
        this.gmm = gmm;
        this.components = MixtureSelection.checkCandidates(components);
        this.log = log;
    }

    /** Fits the gmm sampler, choosing among {@code components} by held-out log-likelihood. */
    public static SamplerFitting gmm(List<Integer> components, PrintStream log) {
        return new SamplerFitting(true, components, log);
    }

    /** Stores no sampler: the bundle offers the prior only. */
    public static SamplerFitting none(PrintStream log) {
        return new SamplerFitting(false, MixtureSelection.DEFAULT_COMPONENTS, log);
    }

    /** The sampler files for a new bundle by sampler name: empty when off or when the fit failed. */
    public Map<String, byte[]> fit(Supplier<LatentCodes> codes, long seed) {
        if (!gmm) {
            return Map.of();
        }
        long start = System.nanoTime();
        try {
            GaussianMixtureFile file = MixtureSelection.fit(codes.get(), components, seed, EmSettings.DEFAULTS);
            log.printf(Locale.ROOT, "gmm sampler: %s; fitted in %.0f s%n", MixtureSelection.describe(file.fit()), (System.nanoTime() - start) / 1e9);
            return Map.of(GaussianMixtureFile.SAMPLER, file.bytes());
        } catch (RuntimeException failed) {
            // A training run must not be lost to its sampler: whatever failed, the bundle is written without it.
            String why = failed instanceof IllegalArgumentException noCandidateFitted ? noCandidateFitted.getMessage()
                    : "the fit failed: " + failed;
            log.printf("gmm sampler not fitted (%s); the bundle offers the prior only: add it later with trainer fit-sampler%n", why);
            return Map.of();
        }
    }
}
