package dev.shapesvae.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Each loss term in a real TensorFlow session against values worked out by hand. */
class LossesTest {
    private interface Term {
        Operand<TFloat32> build(Ops tf);
    }

    private static double eval(Term term) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> out = term.build(tf);
            try (Session s = new Session(g); Result r = s.runner().fetch(out).run()) {
                return ((TFloat32) r.get(0)).getFloat();
            }
        }
    }

    @Test
    void bceWithLogitsSumsPixelsAndAveragesRows() {
        // Row 1: logits (0, 2) targets (1, 0): ln 2 + ln(1 + e^2) = 0.693147 + 2.126928 = 2.820075.
        // Row 2: logits (-3, 0) targets (0, 1): ln(1 + e^-3) + ln 2 = 0.048587 + 0.693147 = 0.741734.
        double bce = eval(tf -> Losses.bceWithLogits(tf, tf.constant(new float[][] {{0, 2}, {-3, 0}}),
                tf.constant(new float[][] {{1, 0}, {0, 1}})));
        assertThat(bce).isCloseTo((2.820075 + 0.741734) / 2, within(1e-5));
    }

    @Test
    void bceWithLogitsIsStableForLargeLogits() {
        // ln(1 + e^-100) is 0 to float precision; ln(1 + e^100) = 100.
        double bce = eval(tf -> Losses.bceWithLogits(tf, tf.constant(new float[][] {{100, -100}}), tf.constant(new float[][] {{1, 1}})));
        assertThat(bce).isCloseTo(100, within(1e-4));
    }

    @Test
    void gaussianKlIsZeroAtThePriorAndMatchesTheClosedForm() {
        assertThat(eval(tf -> Losses.gaussianKl(tf, tf.constant(new float[][] {{0, 0}}), tf.constant(new float[][] {{0, 0}}))))
                .isCloseTo(0, within(1e-7));
        // mu = 1, logvar = ln 2: 0.5 (1 + 2 - ln 2 - 1) = 0.653426; second dim mu = 0, logvar = 0: 0.
        // Second row mu = -2, logvar = 0 and mu = 0, logvar = -1: 0.5 (4) + 0.5 (e^-1 + 1 - 1) = 2 + 0.183940.
        double kl = eval(tf -> Losses.gaussianKl(tf, tf.constant(new float[][] {{1, 0}, {-2, 0}}),
                tf.constant(new float[][] {{(float) Math.log(2), 0}, {0, -1}})));
        assertThat(kl).isCloseTo((0.653426 + 2.183940) / 2, within(1e-5));
    }

    @Test
    void meanSquaredErrorAveragesEveryElement() {
        double mse = eval(tf -> Losses.meanSquaredError(tf, tf.constant(new float[][] {{0.5f, 1}, {0, 0}}),
                tf.constant(new float[][] {{1, 1}, {1, 0}})));
        assertThat(mse).isCloseTo((0.25 + 0 + 1 + 0) / 4, within(1e-7));
    }

    @Test
    void mmdOfASampleWithItselfIsZero() {
        double mmd = eval(tf -> {
            Operand<TFloat32> a = tf.constant(new float[][] {{0, 1}, {2, -1}, {0.5f, 0.5f}});
            return Losses.mmdSquared(tf, a, a, List.of(0.5, 1.0, 3.0, 5.0));
        });
        assertThat(mmd).isCloseTo(0, within(1e-6));
    }

    @Test
    void mmdOfTwoSinglePointsFollowsTheKernel() {
        // a = {(0, 0)}, b = {(1, 0)}: k(a, a) = k(b, b) = number of bandwidths; k(a, b) = sum exp(-1 / (2 s^2)).
        // Bandwidths 1 and 2: k(a, b) = e^-0.5 + e^-0.125 = 0.606531 + 0.882497; MMD^2 = 2 + 2 - 2 (1.489028) = 1.021944.
        double mmd = eval(tf -> Losses.mmdSquared(tf, tf.constant(new float[][] {{0, 0}}), tf.constant(new float[][] {{1, 0}}),
                List.of(1.0, 2.0)));
        assertThat(mmd).isCloseTo(1.021944, within(1e-5));
    }

    @Test
    void mmdAveragesOverAllPairs() {
        // a = {0, 3}, b = {1} on a line, one bandwidth s = 1: k(d) = exp(-d^2 / 2).
        // mean k(a, a) = (1 + 1 + 2 e^-4.5) / 4; k(b, b) = 1; mean k(a, b) = (e^-0.5 + e^-2) / 2.
        double expected = (2 + 2 * Math.exp(-4.5)) / 4 + 1 - (Math.exp(-0.5) + Math.exp(-2));
        double mmd = eval(tf -> Losses.mmdSquared(tf, tf.constant(new float[][] {{0}, {3}}), tf.constant(new float[][] {{1}}),
                List.of(1.0)));
        assertThat(mmd).isCloseTo(expected, within(1e-6));
    }
}
