package dev.shapesvae.trainer.bench;

import dev.shapesvae.trainer.model.ComputeType;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * What the optimiser alone costs per step: {@code applyAdam} over weights and biases of the
 * same shapes as a model's dense layers, with a fixed gradient, run bare in one TensorFlow
 * session. Adam reads the weight, both moments and the gradient and writes three of them back,
 * so at small batches it is memory traffic that no matrix-product ceiling accounts for.
 *
 * <p>Adam runs in float32 in every precision. In bfloat16 the floor adds what mixed precision
 * costs around it: the gradient comes as bfloat16 and is cast to float32 for the update, and
 * the updated weights are cast to bfloat16 for the next step's products.
 */
public final class AdamFloor implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final List<Op> updates = new ArrayList<>();

    /**
     * @param layers every dense layer of a model
     * @param compute the training step's compute type
     */
    public AdamFloor(List<LayerShape> layers, ComputeType<?> compute) {
        Ops tf = Ops.create(graph);
        for (LayerShape layer : layers) {
            for (long[] shape : List.of(new long[] {layer.inputs(), layer.outputs()}, new long[] {layer.outputs()})) {
                addUpdate(tf, shape, compute);
            }
        }
        session = new Session(graph);
    }

    private <T extends TFloating> void addUpdate(Ops tf, long[] shape, ComputeType<T> compute) {
        Operand<TFloat32> power = tf.constant(0.5f);
        Operand<TFloat32> start = tf.random.statelessRandomUniform(tf.constant(shape), tf.constant(new long[] {7, 8}));
        Operand<TFloat32> gradient = compute.toFloat32(tf, tf.variable(compute.from(tf, start)));
        Operand<TFloat32> weights = tf.variable(start);
        Op update = tf.train.applyAdam(weights, tf.variable(tf.zerosLike(start)), tf.variable(tf.zerosLike(start)),
                power, power, tf.constant(1e-3f), tf.constant(0.9f), tf.constant(0.999f), tf.constant(1e-8f), gradient);
        updates.add(update);
        if (!compute.isFloat32()) {
            updates.add(tf.withControlDependencies(List.of(update)).dtypes.cast(weights, compute.type()));
        }
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
