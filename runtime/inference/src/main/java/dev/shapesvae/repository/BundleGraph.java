package dev.shapesvae.repository;

import dev.shapesvae.dataset.Canvas;
import java.util.List;
import java.util.Locale;

/**
 * The two graphs of a bundle, their tensors (SPEC section 3), and the name each goes by outside
 * the bundle: {@code <name>-encoder} and {@code <name>-decoder}, as the service's /v2 models, the
 * ONNX graphs' names and the models of a Triton export.
 */
public enum BundleGraph {
    /** image [N, 784] to mean and logvar (VAE) or z (AE), each [N, L]. */
    ENCODER(ModelBundle.ENCODER_FILE),
    /** z [N, L] to logits and probs, each [N, 784]. */
    DECODER(ModelBundle.DECODER_FILE);

    private final String fileName;

    BundleGraph(String fileName) {
        this.fileName = fileName;
    }

    /** "encoder" or "decoder". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file in the bundle's folder. */
    public String fileName() {
        return fileName;
    }

    /** The name the graph of model {@code model} goes by outside the bundle, such as {@code paper-vae-encoder}. */
    public String qualifiedName(String model) {
        return model + "-" + label();
    }

    /** The name of the graph's one input. */
    public String input() {
        return this == ENCODER ? ModelKind.ENCODER_INPUT : ModelKind.DECODER_INPUT;
    }

    /** The names of the graph's outputs for a kind of model. */
    public List<String> outputs(ModelKind kind) {
        return this == ENCODER ? kind.encoderOutputs() : ModelKind.DECODER_OUTPUTS;
    }

    /** Values per row of the input. */
    public int inputWidth(int latentDim) {
        return this == ENCODER ? Canvas.PIXELS : latentDim;
    }

    /** Values per row of every output. */
    public int outputWidth(int latentDim) {
        return this == ENCODER ? latentDim : Canvas.PIXELS;
    }
}
