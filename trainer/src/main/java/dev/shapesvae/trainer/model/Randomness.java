package dev.shapesvae.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint16;
import org.tensorflow.types.family.TFloating;

/**
 * Stateless random draws of shape [batch, width] for one step. The batch size comes from the fed
 * minibatch indices rather than from an activation, so no random op lies on a gradient path
 * (TensorFlow defines no gradient for them). Independent streams derive from the step seed by
 * offsetting its first word.
 *
 * @param seed the step's seed, int64 [2]
 * @param batchShape the minibatch's shape, int32 [1]
 */
record Randomness(Operand<TInt64> seed, Operand<TInt32> batchShape) {

    /** An independent stream of this step's randomness. */
    Randomness stream(Ops tf, long stream) {
        return new Randomness(offset(tf, stream), batchShape);
    }

    Operand<TFloat32> normal(Ops tf, long stream, int width) {
        return tf.random.statelessRandomNormal(shape(tf, width), offset(tf, stream));
    }

    /**
     * Dropout's scaled keep mask [batch, width]: 1 / (1 - p) with probability 1 - p, else 0, where
     * p is {@code rate} rounded to a multiple of 2^-16. Each 32-bit Philox word gives the 16-bit
     * draws of two mask elements, half the random-number work of one float per element, and the
     * mask comes from one comparison and one select.
     *
     * <p>The mask is of the compute type, so that it scales bfloat16 activations without a cast;
     * there the scale is the nearest bfloat16 to 1 / (1 - p), 1.109375 for p = 0.1 (0.16 % under
     * 1 / 0.9), as TensorFlow's own {@code tf.nn.dropout} scales bfloat16 activations. Its error is systematic, unlike the rounding of
     * each weight and activation, but of the same size.
     */
    <T extends TFloating> Operand<T> keepMask(Ops tf, long stream, int width, double rate, ComputeType<T> compute) {
        int threshold = (int) Math.min(Math.round(rate * 65536), 65535);
        int pairs = (width + 1) / 2;
        Operand<TInt32> words = tf.random.statelessRandomUniformFullInt(shape(tf, pairs), offset(tf, stream), TInt32.class);
        Operand<TUint16> draws = tf.reshape(tf.bitcast(words, TUint16.class), shape(tf, 2 * pairs));
        if (width % 2 != 0) {
            draws = tf.slice(draws, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, width}));
        }
        Operand<TBool> keep = tf.math.greaterEqual(draws, tf.dtypes.cast(tf.constant(threshold), TUint16.class));
        return tf.select(keep, compute.constant(tf, (float) (65536.0 / (65536 - threshold))), compute.constant(tf, 0f));
    }

    private Operand<TInt64> offset(Ops tf, long stream) {
        return tf.math.add(seed, tf.constant(new long[] {stream * 1_000_000_007L, 0}));
    }

    private Operand<TInt32> shape(Ops tf, int width) {
        return tf.concat(java.util.List.of(batchShape, tf.constant(new int[] {width})), tf.constant(0));
    }
}
