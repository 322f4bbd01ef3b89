package dev.shapesvae.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

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

    Operand<TFloat32> uniform(Ops tf, long stream, int width) {
        return tf.random.statelessRandomUniform(shape(tf, width), offset(tf, stream));
    }

    private Operand<TInt64> offset(Ops tf, long stream) {
        return tf.math.add(seed, tf.constant(new long[] {stream * 1_000_000_007L, 0}));
    }

    private Operand<TInt32> shape(Ops tf, int width) {
        return tf.concat(java.util.List.of(batchShape, tf.constant(new int[] {width})), tf.constant(0));
    }
}
