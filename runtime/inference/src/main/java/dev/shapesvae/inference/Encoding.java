package dev.shapesvae.inference;

import java.util.Optional;

/**
 * Encoder outputs for a batch of images: the latent code z (the VAE's mean) and, for a VAE, the
 * log-variance of q(z | x).
 *
 * @param z the latent codes, [N, L]: what {@link GenerativeModel#decode} takes back
 * @param logvar for a VAE, log Var(z | x), [N, L]; empty for an autoencoder
 */
public record Encoding(FloatMatrix z, Optional<FloatMatrix> logvar) {
}
