package dev.shapesvae.trainer.bench;

import dev.shapesvae.trainer.model.ModelGraph;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shape of one dense layer's weight matrix, for bare measurements of a model's layers.
 *
 * @param inputs rows of the weight matrix
 * @param outputs columns of the weight matrix (and the bias length)
 */
public record LayerShape(int inputs, int outputs) {
    /** Every dense layer of a graph, hidden layers and heads, encoder then decoder. */
    public static List<LayerShape> of(ModelGraph graph) {
        return Stream.of(graph.encoder(), graph.decoder())
                .flatMap(network -> Stream.concat(network.hidden().stream(), network.heads().stream()))
                .map(dense -> new LayerShape(dense.inputs(), dense.outputs()))
                .toList();
    }

    /** The number of weights (biases not counted). */
    public long weights() {
        return (long) inputs * outputs;
    }
}
