package dev.shapesvae.trainer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * One multilayer perceptron (encoder or decoder): hidden layers of dense, optional layer norm,
 * ReLU and, while training, dropout; then one linear head per output. Outside this package it is
 * read only: its layers' variables, whose values {@link ModelGraph#value} gives.
 */
public final class Network {
    private final List<Dense> hidden;
    private final List<Optional<Norm>> norms;
    private final List<Dense> heads;
    private final double dropout;

    private Network(List<Dense> hidden, List<Optional<Norm>> norms, List<Dense> heads, double dropout) {
        this.hidden = hidden;
        this.norms = norms;
        this.heads = heads;
        this.dropout = dropout;
    }

    /**
     * Creates the variables.
     *
     * @param seedOffset distinguishes this network's initial weights from the other network's
     */
    static Network create(Ops tf, String name, int inputs, List<Integer> hiddenWidths, List<Integer> headWidths,
            double dropout, boolean layerNorm, long seed, int seedOffset) {
        Ops scope = tf.withSubScope(name);
        List<Dense> hidden = new ArrayList<>();
        List<Optional<Norm>> norms = new ArrayList<>();
        int width = inputs;
        int index = seedOffset;
        for (int h : hiddenWidths) {
            hidden.add(Dense.create(scope, "hidden" + hidden.size(), width, h, seed, index++));
            norms.add(layerNorm ? Optional.of(Norm.create(scope, "norm" + norms.size(), h)) : Optional.empty());
            width = h;
        }
        List<Dense> heads = new ArrayList<>();
        for (int out : headWidths) {
            heads.add(Dense.create(scope, "head" + heads.size(), width, out, seed, index++));
        }
        return new Network(List.copyOf(hidden), List.copyOf(norms), List.copyOf(heads), dropout);
    }

    /**
     * The network's outputs, one per head, as float32; in between, the products and activations
     * run in {@code compute}.
     *
     * @param dropout the dropout masks' randomness, or empty for evaluation mode
     */
    <T extends TFloating> List<Operand<TFloat32>> apply(Ops tf, Operand<TFloat32> input, Optional<Randomness> dropout,
            ComputeType<T> compute) {
        Operand<T> x = compute.from(tf, input);
        for (int i = 0; i < hidden.size(); i++) {
            x = hidden.get(i).apply(tf, x, compute);
            if (norms.get(i).isPresent()) {
                x = norms.get(i).get().apply(tf, x, compute);
            }
            x = tf.nn.relu(x);
            if (dropout.isPresent() && this.dropout > 0) {
                x = tf.math.mul(x, dropout.get().keepMask(tf, 7919L * (i + 1), hidden.get(i).outputs(), this.dropout, compute));
            }
        }
        List<Operand<TFloat32>> outputs = new ArrayList<>();
        for (Dense head : heads) {
            outputs.add(compute.toFloat32(tf, head.apply(tf, x, compute)));
        }
        return outputs;
    }

    /** Every trainable variable, in a fixed order: the stages' variables one after another. */
    List<Variable<TFloat32>> variables() {
        return stages().stream().flatMap(List::stream).toList();
    }

    /**
     * The variables by depth, input side first: one stage per hidden layer (its dense layer and
     * norm), then all heads together (they read the same input).
     */
    List<List<Variable<TFloat32>>> stages() {
        List<List<Variable<TFloat32>>> stages = new ArrayList<>();
        for (int i = 0; i < hidden.size(); i++) {
            List<Variable<TFloat32>> stage = new ArrayList<>(hidden.get(i).variables());
            norms.get(i).ifPresent(n -> stage.addAll(n.variables()));
            stages.add(stage);
        }
        List<Variable<TFloat32>> headStage = new ArrayList<>();
        heads.forEach(h -> headStage.addAll(h.variables()));
        stages.add(headStage);
        return stages;
    }

    /** The hidden layers' dense parts, input side first. */
    public List<Dense> hidden() {
        return hidden;
    }

    /** The hidden layers' norms, one per hidden layer, empty where the network has none. */
    public List<Optional<Norm>> norms() {
        return norms;
    }

    /** The linear heads, one per output. */
    public List<Dense> heads() {
        return heads;
    }
}
