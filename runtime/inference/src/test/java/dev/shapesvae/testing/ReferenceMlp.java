package dev.shapesvae.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shapesvae.export.DenseLayer;
import dev.shapesvae.export.HiddenLayer;
import dev.shapesvae.export.LayerNorm;
import dev.shapesvae.export.MlpWeights;

/** A plain double-precision forward pass of an {@link MlpWeights}, the yardstick for exported graphs. */
public final class ReferenceMlp {
    private ReferenceMlp() {
    }

    /** Outputs of head {@code head} for one input row. */
    public static double[] forward(MlpWeights weights, float[] input, int head) {
        double[] x = new double[input.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = input[i];
        }
        return forward(weights, x, head);
    }

    /** Outputs of head {@code head} for one input row given in double precision. */
    public static double[] forward(MlpWeights weights, double[] input, int head) {
        double[] x = input.clone();
        for (HiddenLayer layer : weights.hidden()) {
            x = dense(layer.dense(), x);
            if (layer.norm().isPresent()) {
                x = norm(layer.norm().get(), x);
            }
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.max(0, x[i]);
            }
        }
        return dense(weights.heads().get(head), x);
    }

    /**
     * Asserts that float32 outputs of a real runtime (TensorFlow, ONNX Runtime) agree with this
     * double-precision reference: to 1e-4, relative for values above 1, which leaves room for
     * float32 sums over a few thousand terms and nothing more.
     */
    public static void assertAgrees(float[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int j = 0; j < expected.length; j++) {
            assertThat((double) actual[j]).as("%s[%d]", what, j).isCloseTo(expected[j], within(1e-4 * Math.max(1, Math.abs(expected[j]))));
        }
    }

    private static double[] dense(DenseLayer layer, double[] x) {
        float[] w = layer.weights();
        float[] b = layer.bias();
        double[] y = new double[layer.outputs()];
        for (int j = 0; j < y.length; j++) {
            double sum = b[j];
            for (int i = 0; i < layer.inputs(); i++) {
                sum += x[i] * w[i * layer.outputs() + j];
            }
            y[j] = sum;
        }
        return y;
    }

    private static double[] norm(LayerNorm norm, double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= x.length;
        float[] scale = norm.scale();
        float[] shift = norm.shift();
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - mean) / Math.sqrt(var + norm.epsilon()) * scale[i] + shift[i];
        }
        return y;
    }
}
