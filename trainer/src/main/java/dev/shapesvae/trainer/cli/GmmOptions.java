package dev.shapesvae.trainer.cli;

import dev.shapesvae.trainer.sampler.MixtureSelection;
import dev.shapesvae.trainer.sampler.SamplerFitting;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --gmm}/{@code --no-gmm} and {@code --gmm-components}, as a Picocli mixin of the commands that write a trained bundle. */
public final class GmmOptions {
    @Option(names = "--gmm", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fit the gmm latent sampler to the training codes and store it with the model (default: on; --no-gmm stores the prior only).")
    boolean gmm;

    @Option(names = "--gmm-components", split = ",", paramLabel = "K",
            description = "Numbers of mixture components to try; the held-out log-likelihood chooses (default: 1,2,4,8,16,32,64,128).")
    List<Integer> components;

    /** The sampler fitting these flags ask for. */
    SamplerFitting fitting(PrintStream log) {
        if (!gmm) {
            if (components != null) {
                throw new IllegalArgumentException("--gmm-components chooses among mixtures, so it cannot go with --no-gmm");
            }
            return SamplerFitting.none(log);
        }
        return SamplerFitting.gmm(components == null ? MixtureSelection.DEFAULT_COMPONENTS : components, log);
    }
}
