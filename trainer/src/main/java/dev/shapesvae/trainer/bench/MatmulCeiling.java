package dev.shapesvae.trainer.bench;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The ceiling a training step can reach on this machine: for every dense layer of a model, the
 * three matrix products of one training step (forward X W, and backward G W^T and X^T G) at the
 * same shapes, run bare in one TensorFlow session with nothing else.
 */
public final class MatmulCeiling implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final List<Op> products = new ArrayList<>();
    private final long flopsPerStep;

    /** @param layers every dense layer of a model */
    public MatmulCeiling(List<LayerShape> layers, int batch) {
        Ops tf = Ops.create(graph);
        long flops = 0;
        for (LayerShape layer : layers) {
            Operand<TFloat32> x = tf.random.statelessRandomUniform(tf.constant(new long[] {batch, layer.inputs()}), tf.constant(new long[] {1, 2}));
            Operand<TFloat32> w = tf.random.statelessRandomUniform(tf.constant(new long[] {layer.inputs(), layer.outputs()}), tf.constant(new long[] {3, 4}));
            Operand<TFloat32> g = tf.random.statelessRandomUniform(tf.constant(new long[] {batch, layer.outputs()}), tf.constant(new long[] {5, 6}));
            // Materialise the inputs once as variables so that each step runs the products alone.
            Operand<TFloat32> xv = tf.variable(x);
            Operand<TFloat32> wv = tf.variable(w);
            Operand<TFloat32> gv = tf.variable(g);
            products.add(tf.linalg.matMul(xv, wv));
            products.add(tf.linalg.matMul(gv, wv, MatMul.transposeB(true)));
            products.add(tf.linalg.matMul(xv, gv, MatMul.transposeA(true)));
            flops += 6L * batch * layer.weights();
        }
        flopsPerStep = flops;
        session = new Session(graph);
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
