package dev.shapesvae.trainer.config;

import dev.shapesvae.repository.Precision;
import java.util.List;
import java.util.Optional;

/**
 * Hyperparameters given on the command line; each present value replaces the preset's or the
 * config file's.
 */
public record ConfigOverrides(Optional<Integer> latentDim, Optional<List<Integer>> encoderHidden,
        Optional<List<Integer>> decoderHidden, Optional<Double> dropout, Optional<Boolean> layerNorm,
        Optional<Double> learningRate, Optional<Integer> batchSize, Optional<Integer> epochs,
        Optional<Double> regularisationWeight, Optional<Double> latentNoise, Optional<List<Double>> mmdBandwidths,
        Optional<Long> seed, Optional<Integer> validationEvery, Optional<Precision> precision) {

    /** No overrides. */
    public static ConfigOverrides none() {
        return new ConfigOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
