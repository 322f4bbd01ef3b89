package dev.shapesvae.trainer.export;

import dev.shapesvae.export.DenseLayer;
import dev.shapesvae.export.HiddenLayer;
import dev.shapesvae.export.LayerNorm;
import dev.shapesvae.export.MlpWeights;
import dev.shapesvae.trainer.model.Dense;
import dev.shapesvae.trainer.model.ModelGraph;
import dev.shapesvae.trainer.model.Network;
import dev.shapesvae.trainer.model.Norm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A graph's current encoder and decoder weights, read from its TensorFlow variables, in the form
 * the ONNX export ({@link dev.shapesvae.export.OnnxGraphs}) takes.
 */
public final class TrainedWeights {
    private TrainedWeights() {
    }

    /** The encoder's current weights. */
    public static MlpWeights encoder(ModelGraph graph) {
        return of(graph, graph.encoder());
    }

    /** The decoder's current weights. */
    public static MlpWeights decoder(ModelGraph graph) {
        return of(graph, graph.decoder());
    }

    private static MlpWeights of(ModelGraph graph, Network network) {
        List<HiddenLayer> hidden = new ArrayList<>();
        for (int i = 0; i < network.hidden().size(); i++) {
            Optional<LayerNorm> norm = network.norms().get(i).map(n -> layerNorm(graph, n));
            hidden.add(new HiddenLayer(dense(graph, network.hidden().get(i)), norm));
        }
        return new MlpWeights(hidden, network.heads().stream().map(d -> dense(graph, d)).toList());
    }

    private static LayerNorm layerNorm(ModelGraph graph, Norm norm) {
        return new LayerNorm(graph.value(norm.scale()), graph.value(norm.shift()), Norm.EPSILON);
    }

    private static DenseLayer dense(ModelGraph graph, Dense dense) {
        return new DenseLayer(dense.inputs(), dense.outputs(), graph.value(dense.weights()), graph.value(dense.bias()));
    }
}
