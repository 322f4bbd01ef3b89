package dev.shapesvae.repository;

import java.util.List;

/**
 * Everything that sets how a model is fitted (SPEC section 2).
 *
 * @param regularisationWeight beta for the VAE's KL term, lambda for the AE's MMD term
 * @param latentNoise sigma_n, the standard deviation of the AE's training noise (0 for the VAE)
 * @param mmdBandwidths the kernel bandwidths of the AE's MMD (empty for the VAE)
 * @param validationEvery epochs between validation passes
 */
public record Hyperparameters(double learningRate, int batchSize, int epochs, double regularisationWeight,
        double latentNoise, List<Double> mmdBandwidths, long seed, int validationEvery) {
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
    }
}
