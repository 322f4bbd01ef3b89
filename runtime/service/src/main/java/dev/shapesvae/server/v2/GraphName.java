package dev.shapesvae.server.v2;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.server.ModelNotServedException;
import java.util.List;

/**
 * A graph as the Open Inference Protocol names it: every model serves its encoder as
 * {@code <name>-encoder} and its decoder as {@code <name>-decoder}, with the tensor names of the
 * ONNX contract.
 */
public record GraphName(String model, boolean encoder) {
    private static final String ENCODER = "-encoder";
    private static final String DECODER = "-decoder";

    /**
     * The graph a v2 model name names.
     *
     * @throws ModelNotServedException for a name that names no graph
     */
    public static GraphName parse(String name) {
        if (name.endsWith(ENCODER)) {
            return new GraphName(name.substring(0, name.length() - ENCODER.length()), true);
        }
        if (name.endsWith(DECODER)) {
            return new GraphName(name.substring(0, name.length() - DECODER.length()), false);
        }
        throw new ModelNotServedException("unknown model '" + name + "': v2 model names are <name>-encoder and <name>-decoder");
    }

    /** Both graphs of a model, encoder first. */
    public static List<GraphName> of(String model) {
        return List.of(new GraphName(model, true), new GraphName(model, false));
    }

    /** The name clients use: {@code <model>-encoder} or {@code <model>-decoder}. */
    public String v2Name() {
        return model + (encoder ? ENCODER : DECODER);
    }

    public String inputName() {
        return encoder ? ModelKind.ENCODER_INPUT : ModelKind.DECODER_INPUT;
    }

    public List<String> outputNames(ModelKind kind) {
        return encoder ? kind.encoderOutputs() : ModelKind.DECODER_OUTPUTS;
    }

    public int inputWidth(GenerativeModel model) {
        return encoder ? Canvas.PIXELS : model.latentDim();
    }

    public int outputWidth(GenerativeModel model) {
        return encoder ? model.latentDim() : Canvas.PIXELS;
    }

    /** Where the graph's ONNX file lies in the bundle. */
    public String fileName() {
        return encoder ? ModelBundle.ENCODER_FILE : ModelBundle.DECODER_FILE;
    }
}
