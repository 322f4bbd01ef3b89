package dev.shapesvae.trainer.bench;

import dev.shapesvae.trainer.model.ComputeType;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * The ceiling a training step can reach on this machine: for every dense layer of a model, the
 * three matrix products of one training step (forward X W, and backward G W^T and X^T G) at the
 * same shapes and in the step's compute type, run bare in one TensorFlow session with nothing else.
 */
public final class MatmulCeiling implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final List<Op> products = new ArrayList<>();
    private final long flopsPerStep;

    /**
     * @param layers every dense layer of a model
     * @param compute the type the products run in, that of the training step they are the ceiling of
     */
    public MatmulCeiling(List<LayerShape> layers, int batch, ComputeType<?> compute) {
        Ops tf = Ops.create(graph);
        long flops = 0;
        for (LayerShape layer : layers) {
            addProducts(tf, layer, batch, compute);
            flops += 6L * batch * layer.weights();
        }
        flopsPerStep = flops;
        session = new Session(graph);
    }

    private <T extends TFloating> void addProducts(Ops tf, LayerShape layer, int batch, ComputeType<T> compute) {
        // Materialise the inputs once as variables so that each step runs the products alone.
        Operand<T> x = tf.variable(compute.from(tf, uniform(tf, batch, layer.inputs(), 1)));
        Operand<T> w = tf.variable(compute.from(tf, uniform(tf, layer.inputs(), layer.outputs(), 3)));
        Operand<T> g = tf.variable(compute.from(tf, uniform(tf, batch, layer.outputs(), 5)));
        products.add(tf.linalg.matMul(x, w));
        products.add(tf.linalg.matMul(g, w, MatMul.transposeB(true)));
        products.add(tf.linalg.matMul(x, g, MatMul.transposeA(true)));
    }

    private static Operand<TFloat32> uniform(Ops tf, long rows, long columns, long seed) {
        return tf.random.statelessRandomUniform(tf.constant(new long[] {rows, columns}), tf.constant(new long[] {seed, seed + 1}));
    }

    /** Runs one step of all the products. */
    public void step() {
        Session.Runner runner = session.runner();
        products.forEach(runner::addTarget);
        runner.run().close();
    }

    /** Floating-point operations of one step: 6 x batch x weights. */
    public long flopsPerStep() {
        return flopsPerStep;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
