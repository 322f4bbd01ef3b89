package dev.shapesvae.trainer.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * A fully connected layer's variables, W [inputs, outputs] and b [outputs], initialised
 * Glorot-uniform from a stateless seed so that a seed always gives the same weights.
 */
public record Dense(int inputs, int outputs, Variable<TFloat32> weights, Variable<TFloat32> bias) {

    static Dense create(Ops tf, String name, int inputs, int outputs, long seed, int layerIndex) {
        Ops scope = tf.withSubScope(name);
        float limit = (float) Math.sqrt(6.0 / (inputs + outputs));
        Operand<TInt64> initSeed = tf.constant(new long[] {seed, 1_000_003L * (layerIndex + 1)});
        Operand<TFloat32> uniform = tf.random.statelessRandomUniform(tf.constant(new long[] {inputs, outputs}), initSeed);
        Operand<TFloat32> init = tf.math.mul(tf.math.sub(tf.math.mul(uniform, tf.constant(2f)), tf.constant(1f)), tf.constant(limit));
        Variable<TFloat32> w = scope.withName("w").variable(init);
        Variable<TFloat32> b = scope.withName("b").variable(tf.zeros(tf.constant(Shape.of(outputs)), TFloat32.class));
        return new Dense(inputs, outputs, w, b);
    }

    /** x W + b in the compute type: the float32 weights and bias are cast to it, so their gradients flow back as float32. */
    <T extends TFloating> Operand<T> apply(Ops tf, Operand<T> x, ComputeType<T> compute) {
        return tf.nn.biasAdd(tf.linalg.matMul(x, compute.from(tf, weights)), compute.from(tf, bias));
    }

    List<Variable<TFloat32>> variables() {
        return List.of(weights, bias);
    }
}
