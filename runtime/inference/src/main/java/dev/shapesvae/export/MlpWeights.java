package dev.shapesvae.export;

import java.util.List;

/**
 * The trained weights of one network (encoder or decoder): hidden layers, then one linear head
 * per output (the VAE encoder has two: mean and log-variance).
 */
public record MlpWeights(List<HiddenLayer> hidden, List<DenseLayer> heads) {
    public MlpWeights {
        hidden = List.copyOf(hidden);
        heads = List.copyOf(heads);
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one head");
        }
        int width = hidden.isEmpty() ? heads.get(0).inputs() : hidden.get(0).dense().inputs();
        for (HiddenLayer layer : hidden) {
            if (layer.dense().inputs() != width) {
                throw new IllegalArgumentException("hidden layer takes " + layer.dense().inputs() + " inputs but gets " + width);
            }
            width = layer.dense().outputs();
        }
        for (DenseLayer head : heads) {
            if (head.inputs() != width) {
                throw new IllegalArgumentException("head takes " + head.inputs() + " inputs but gets " + width);
            }
        }
    }

    /** Width of the network's input. */
    public int inputWidth() {
        return hidden.isEmpty() ? heads.get(0).inputs() : hidden.get(0).dense().inputs();
    }
}
