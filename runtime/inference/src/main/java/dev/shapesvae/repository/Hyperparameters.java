package dev.shapesvae.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Everything that sets how a model is fitted (SPEC section 2).
 *
 * @param regularisationWeight beta for the VAE's KL term, lambda for the AE's MMD term
 * @param latentNoise sigma_n, the standard deviation of the AE's training noise (0 for the VAE)
 * @param mmdBandwidths the kernel bandwidths of the AE's MMD (empty for the VAE)
 * @param validationEvery epochs between validation passes
 * @param precision the training step's arithmetic; null, which a manifest, config or checkpoint
 *     written before this field existed gives, is fp32. Written only when it is not fp32, so fp32
 *     models read and write as they did before.
 */
public record Hyperparameters(double learningRate, int batchSize, int epochs, double regularisationWeight,
        double latentNoise, List<Double> mmdBandwidths, long seed, int validationEvery,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Hyperparameters.OmittedWhenFp32.class) Precision precision) {
    public Hyperparameters {
        Checks.positive("learning rate", learningRate);
        Checks.positive("batch size", batchSize);
        Checks.positive("epochs", epochs);
        Checks.nonNegative("regularisation weight", regularisationWeight);
        Checks.nonNegative("latent noise", latentNoise);
        mmdBandwidths = List.copyOf(Checks.present("mmd bandwidths", mmdBandwidths));
        for (double b : mmdBandwidths) {
            Checks.positive("mmd bandwidth", b);
        }
        Checks.positive("validation interval", validationEvery);
        precision = precision == null ? Precision.FP32 : precision;
    }

    /** Hyperparameters of a model trained in float32. */
    public Hyperparameters(double learningRate, int batchSize, int epochs, double regularisationWeight, double latentNoise,
            List<Double> mmdBandwidths, long seed, int validationEvery) {
        this(learningRate, batchSize, epochs, regularisationWeight, latentNoise, mmdBandwidths, seed, validationEvery, Precision.FP32);
    }

    /** The same hyperparameters in another precision. */
    public Hyperparameters withPrecision(Precision other) {
        return new Hyperparameters(learningRate, batchSize, epochs, regularisationWeight, latentNoise, mmdBandwidths, seed, validationEvery,
                Checks.present("precision", other));
    }

    /** Jackson's test for leaving {@code precision} out: a value "equal" to this filter is not written. */
    static final class OmittedWhenFp32 {
        @Override
        public boolean equals(Object value) {
            return value == Precision.FP32;
        }

        @Override
        public int hashCode() {
            return Precision.FP32.hashCode();
        }
    }
}
