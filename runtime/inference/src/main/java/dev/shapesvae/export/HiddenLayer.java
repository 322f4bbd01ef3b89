package dev.shapesvae.export;

import java.util.Optional;

/** A hidden layer in evaluation mode: dense, then layer normalisation if the model has it, then ReLU. */
public record HiddenLayer(DenseLayer dense, Optional<LayerNorm> norm) {
    public HiddenLayer {
        norm.ifPresent(n -> {
            if (n.scale().length != dense.outputs()) {
                throw new IllegalArgumentException("layer norm of width " + n.scale().length + " after a layer of width " + dense.outputs());
            }
        });
    }
}
