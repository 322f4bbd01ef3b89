package dev.shapesvae.inference;

/** Decoder outputs for a batch of latents: logits and probs = sigmoid(logits), each [N, 784]. */
public record Decoding(FloatMatrix logits, FloatMatrix probs) {
}
