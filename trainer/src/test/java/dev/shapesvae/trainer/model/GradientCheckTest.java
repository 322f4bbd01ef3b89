package dev.shapesvae.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The gradient TensorFlow derives for a tiny VAE's total loss (BCE + beta KL through the
 * reparameterisation) agrees with central finite differences.
 */
class GradientCheckTest {
    private static float[][] random(SplittableRandom r, int rows, int cols, double scale) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (r.nextGaussian() * scale);
            }
        }
        return m;
    }

    @Test
    void totalLossGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        float[][] x = {{1, 0, 1, 1}, {0, 1, 0, 1}};
        float[][] a = random(r, 5, 2, 0.5);
        float[][] b = random(r, 5, 2, 0.5);
        float[][] d = random(r, 2, 4, 0.8);
        float[][] eps = random(r, 2, 2, 1);
        float[] w = new float[4 * 5];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * 0.7f;
        }
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> weights = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(4, 5)));
            Operand<TFloat32> input = tf.constant(x);
            Operand<TFloat32> h = tf.nn.relu(tf.linalg.matMul(input, weights));
            Operand<TFloat32> mean = tf.linalg.matMul(h, tf.constant(a));
            Operand<TFloat32> logvar = tf.linalg.matMul(h, tf.constant(b));
            Operand<TFloat32> z = tf.math.add(mean, tf.math.mul(tf.math.exp(tf.math.mul(logvar, tf.constant(0.5f))), tf.constant(eps)));
            Operand<TFloat32> logits = tf.linalg.matMul(z, tf.constant(d));
            Operand<TFloat32> loss = tf.math.add(Losses.bceWithLogits(tf, logits, input),
                    tf.math.mul(tf.constant(0.65f), Losses.gaussianKl(tf, mean, logvar)));
            Output<?>[] grad = g.addGradients(loss.asOutput(), new Output<?>[] {weights.asOutput()});
            try (Session s = new Session(g)) {
                float[] analytic = new float[w.length];
                try (TFloat32 feed = TFloat32.tensorOf(Shape.of(4, 5), DataBuffers.of(w, true, false));
                     Result result = s.runner().feed(weights, feed).fetch(grad[0]).run()) {
                    ((TFloat32) result.get(0)).copyTo(DataBuffers.of(analytic, false, false));
                }
                double step = 1e-2;
                for (int i = 0; i < w.length; i++) {
                    float[] plus = w.clone();
                    float[] minus = w.clone();
                    plus[i] += (float) step;
                    minus[i] -= (float) step;
                    double numeric = (lossAt(s, weights, loss, plus) - lossAt(s, weights, loss, minus)) / (2 * step);
                    assertThat(analytic[i]).as("d loss / d w[%d]", i)
                            .isCloseTo((float) numeric, org.assertj.core.data.Offset.offset((float) (2e-2 * Math.max(1, Math.abs(numeric)))));
                }
            }
        }
    }

    private static double lossAt(Session s, Placeholder<TFloat32> weights, Operand<TFloat32> loss, float[] w) {
        try (TFloat32 feed = TFloat32.tensorOf(Shape.of(4, 5), DataBuffers.of(w, true, false));
             Result result = s.runner().feed(weights, feed).fetch(loss).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }
}
