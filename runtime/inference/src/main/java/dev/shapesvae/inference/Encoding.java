package dev.shapesvae.inference;

import java.util.Optional;

/**
 * Encoder outputs for a batch of images: the latent code z (the VAE's mean) and, for a VAE, the
 * log-variance of q(z | x).
 */
public record Encoding(FloatMatrix z, Optional<FloatMatrix> logvar) {
}
