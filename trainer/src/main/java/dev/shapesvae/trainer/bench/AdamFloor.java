package dev.shapesvae.trainer.bench;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What the optimiser alone costs per step: {@code applyAdam} over weights and biases of the
 * same shapes as a model's dense layers, with a fixed gradient, run bare in one TensorFlow
 * session. Adam reads the weight, both moments and the gradient and writes three of them back,
 * so at small batches it is memory traffic that no matrix-product ceiling accounts for.
 */
public final class AdamFloor implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final List<Op> updates = new ArrayList<>();

    /** @param layers every dense layer of a model */
    public AdamFloor(List<LayerShape> layers) {
        Ops tf = Ops.create(graph);
        Operand<TFloat32> power = tf.constant(0.5f);
        for (LayerShape layer : layers) {
            for (long[] shape : List.of(new long[] {layer.inputs(), layer.outputs()}, new long[] {layer.outputs()})) {
                Operand<TFloat32> start = tf.random.statelessRandomUniform(tf.constant(shape), tf.constant(new long[] {7, 8}));
                Operand<TFloat32> gradient = tf.variable(start);
                updates.add(tf.train.applyAdam(tf.variable(start), tf.variable(tf.zerosLike(start)), tf.variable(tf.zerosLike(start)),
                        power, power, tf.constant(1e-3f), tf.constant(0.9f), tf.constant(0.999f), tf.constant(1e-8f), gradient));
            }
        }
        session = new Session(graph);
    }

    /** Runs one update of every variable. */
    public void step() {
        Session.Runner runner = session.runner();
        updates.forEach(runner::addTarget);
        runner.run().close();
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
