package dev.shapesvae.trainer.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The loss terms of SPEC section 2 as TensorFlow ops on [batch, features] tensors. Every term is
 * averaged over the batch, so each is a scalar.
 */
public final class Losses {
    private Losses() {
    }

    /**
     * Binary cross-entropy with logits, summed over pixels and averaged over the batch, in the
     * numerically stable form max(l, 0) - l x + log(1 + exp(-|l|)).
     */
    public static Operand<TFloat32> bceWithLogits(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> targets) {
        Operand<TFloat32> perPixel = tf.math.add(
                tf.math.sub(tf.math.maximum(logits, tf.constant(0f)), tf.math.mul(logits, targets)),
                tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
        return batchMeanOfRowSums(tf, perPixel);
    }

    /**
     * KL divergence of N(mu, exp(logvar)) from N(0, I), 0.5 sum(mu^2 + exp(logvar) - logvar - 1),
     * summed over latent dimensions and averaged over the batch (in nats).
     */
    public static Operand<TFloat32> gaussianKl(Ops tf, Operand<TFloat32> mean, Operand<TFloat32> logvar) {
        Operand<TFloat32> perDim = tf.math.sub(
                tf.math.sub(tf.math.add(tf.math.square(mean), tf.math.exp(logvar)), logvar), tf.constant(1f));
        return tf.math.mul(tf.constant(0.5f), batchMeanOfRowSums(tf, perDim));
    }

    /** Mean squared error over every element: mean over batch and pixels of (x - p)^2. */
    public static Operand<TFloat32> meanSquaredError(Ops tf, Operand<TFloat32> predictions, Operand<TFloat32> targets) {
        return tf.math.mean(tf.math.square(tf.math.sub(predictions, targets)), tf.constant(new int[] {0, 1}));
    }

    /**
     * The biased estimator of squared MMD between samples a and b (rows) with the kernel
     * k(u, v) = sum over bandwidths s of exp(-|u - v|^2 / (2 s^2)):
     * mean k(a, a) + mean k(b, b) - 2 mean k(a, b).
     */
    public static Operand<TFloat32> mmdSquared(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b, List<Double> bandwidths) {
        Operand<TFloat32> kaa = meanKernel(tf, a, a, bandwidths);
        Operand<TFloat32> kbb = meanKernel(tf, b, b, bandwidths);
        Operand<TFloat32> kab = meanKernel(tf, a, b, bandwidths);
        return tf.math.sub(tf.math.add(kaa, kbb), tf.math.mul(tf.constant(2f), kab));
    }

    private static Operand<TFloat32> meanKernel(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b, List<Double> bandwidths) {
        Operand<TFloat32> d2 = squaredDistances(tf, a, b);
        Operand<TFloat32> k = null;
        for (double s : bandwidths) {
            Operand<TFloat32> term = tf.math.exp(tf.math.mul(d2, tf.constant((float) (-1.0 / (2 * s * s)))));
            k = k == null ? term : tf.math.add(k, term);
        }
        return tf.math.mean(k, tf.constant(new int[] {0, 1}));
    }

    /** Pairwise squared Euclidean distances between rows, |a|^2 + |b|^2 - 2 a b^T, clipped at 0. */
    static Operand<TFloat32> squaredDistances(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
        Operand<TInt32> lastAxis = tf.constant(1);
        Operand<TFloat32> aa = tf.sum(tf.math.square(a), lastAxis, org.tensorflow.op.core.Sum.keepDims(true));
        Operand<TFloat32> bb = tf.sum(tf.math.square(b), lastAxis, org.tensorflow.op.core.Sum.keepDims(true));
        Operand<TFloat32> ab = tf.linalg.matMul(a, b, org.tensorflow.op.linalg.MatMul.transposeB(true));
        Operand<TFloat32> d2 = tf.math.sub(tf.math.add(aa, tf.linalg.transpose(bb, tf.constant(new int[] {1, 0}))),
                tf.math.mul(tf.constant(2f), ab));
        return tf.math.maximum(d2, tf.constant(0f));
    }

    private static Operand<TFloat32> batchMeanOfRowSums(Ops tf, Operand<TFloat32> values) {
        return tf.math.mean(tf.sum(values, tf.constant(1)), tf.constant(0));
    }
}
