package dev.shapesvae.trainer.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/** Layer normalisation over features, with a learned scale and shift; the same formula ONNX's LayerNormalization uses. */
public record Norm(Variable<TFloat32> scale, Variable<TFloat32> shift) {
    /** Added to the variance before the square root, in TensorFlow and in the exported graph alike. */
    public static final float EPSILON = 1e-5f;

    static Norm create(Ops tf, String name, int width) {
        Ops scope = tf.withSubScope(name);
        return new Norm(scope.withName("scale").variable(tf.ones(tf.constant(Shape.of(width)), TFloat32.class)),
                scope.withName("shift").variable(tf.zeros(tf.constant(Shape.of(width)), TFloat32.class)));
    }

    /**
     * The normalised activations, in the compute type. The mean and variance are taken in float32
     * whatever the compute type, as Keras does under mixed precision: a variance of values rounded
     * to 8 significant bits loses most of its digits where they lie close together.
     */
    <T extends TFloating> Operand<T> apply(Ops tf, Operand<T> activations, ComputeType<T> compute) {
        return compute.from(tf, normalise(tf, compute.toFloat32(tf, activations)));
    }

    private Operand<TFloat32> normalise(Ops tf, Operand<TFloat32> x) {
        var axis = tf.constant(new int[] {1});
        Operand<TFloat32> mean = tf.math.mean(x, axis, org.tensorflow.op.math.Mean.keepDims(true));
        Operand<TFloat32> centred = tf.math.sub(x, mean);
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), axis, org.tensorflow.op.math.Mean.keepDims(true));
        Operand<TFloat32> normalised = tf.math.mul(centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(EPSILON))));
        return tf.math.add(tf.math.mul(normalised, scale), shift);
    }

    List<Variable<TFloat32>> variables() {
        return List.of(scale, shift);
    }
}
