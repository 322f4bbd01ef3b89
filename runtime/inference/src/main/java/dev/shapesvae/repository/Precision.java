package dev.shapesvae.repository;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The arithmetic a model was trained in. The exported ONNX graphs are float32 either way, built
 * from float32 weights, so a model's precision changes how it was fitted, not how it is served.
 */
public enum Precision {
    /** float32 throughout. */
    FP32,
    /**
     * bfloat16 matrix products and activations beside float32 weights, optimiser state and loss
     * (mixed precision).
     */
    BF16;

    /** The name used in model.json, config files and on the command line. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "fp32" or "bf16", case-insensitively. */
    @JsonCreator
    public static Precision parse(String text) {
        for (Precision precision : values()) {
            if (precision.label().equalsIgnoreCase(text)) {
                return precision;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + text + "' (expected fp32 or bf16)");
    }
}
