package dev.shapesvae.onnx;

import java.util.List;

/**
 * Name, element type and shape of one graph input or output. A dimension of -1 is dynamic (named
 * or unknown in the graph).
 */
public record TensorSignature(String name, boolean isFloat, List<Long> dims) {
    public TensorSignature {
        dims = List.copyOf(dims);
    }

    /** Whether this is a float32 matrix of any number of rows and {@code width} columns. */
    public boolean isFloatBatchOf(int width) {
        return isFloat && dims.size() == 2 && dims.get(0) == -1 && dims.get(1) == width;
    }

    /** Shape as text, for example {@code [N, 784]}. */
    public String describe() {
        StringBuilder text = new StringBuilder(isFloat ? "float32 [" : "non-float [");
        for (int i = 0; i < dims.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(dims.get(i) < 0 ? "N" : dims.get(i).toString());
        }
        return text.append(']').toString();
    }
}
