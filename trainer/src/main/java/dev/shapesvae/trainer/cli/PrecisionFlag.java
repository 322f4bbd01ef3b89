package dev.shapesvae.trainer.cli;

import dev.shapesvae.repository.Precision;

/** The words {@code --precision} takes, fp32 or bf16, read the same way by {@code fit} and {@code bench}. */
final class PrecisionFlag {
    /** The help text's account of the two choices. */
    static final String CHOICES = "fp32, or bf16: bfloat16 matrix products and activations, float32 weights, Adam and loss";

    private PrecisionFlag() {
    }

    /** The precision a word names; a wrong word is refused with the flag's name. */
    static Precision parse(String text) {
        try {
            return Precision.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--precision: " + e.getMessage(), e);
        }
    }
}
