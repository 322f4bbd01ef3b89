package dev.shapesvae.export;

/**
 * A fully connected layer y = x W + b, with W stored row-major as [inputs, outputs] (the layout
 * of TensorFlow's matmul and of ONNX Gemm without transposes).
 */
public record DenseLayer(int inputs, int outputs, float[] weights, float[] bias) {
    public DenseLayer {
        if (inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("layer sizes must be positive, got " + inputs + " x " + outputs);
        }
        if (weights.length != inputs * outputs || bias.length != outputs) {
            throw new IllegalArgumentException("layer " + inputs + " x " + outputs + " needs " + inputs * outputs
                    + " weights and " + outputs + " biases, got " + weights.length + " and " + bias.length);
        }
        weights = weights.clone();
        bias = bias.clone();
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    @Override
    public float[] bias() {
        return bias.clone();
    }
}
