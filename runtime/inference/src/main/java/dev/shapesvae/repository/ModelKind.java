package dev.shapesvae.repository;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/** The two kinds of model, and the tensor names of their ONNX graphs (SPEC section 3). */
public enum ModelKind {
    /** Variational autoencoder: the encoder outputs a mean and a log-variance. */
    VAE(List.of("mean", "logvar")),
    /** Autoencoder with latent noise and an MMD regulariser: the encoder outputs z. */
    AE(List.of("z"));

    /** Input of every encoder: float32 [N, 784]. */
    public static final String ENCODER_INPUT = "image";
    /** Input of every decoder: float32 [N, L]. */
    public static final String DECODER_INPUT = "z";
    /** Outputs of every decoder: float32 [N, 784] each. */
    public static final List<String> DECODER_OUTPUTS = List.of("logits", "probs");

    private final List<String> encoderOutputs;

    ModelKind(List<String> encoderOutputs) {
        this.encoderOutputs = encoderOutputs;
    }

    /** Names of the encoder's outputs, each float32 [N, L]. */
    public List<String> encoderOutputs() {
        return encoderOutputs;
    }

    /** The name used in model.json and on the command line. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "vae" or "ae", case-insensitively. */
    @JsonCreator
    public static ModelKind parse(String text) {
        for (ModelKind kind : values()) {
            if (kind.label().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + text + "' (expected vae or ae)");
    }
}
