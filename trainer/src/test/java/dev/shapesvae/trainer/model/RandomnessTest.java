package dev.shapesvae.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class RandomnessTest {
    private static final int BATCH = 2000;

    @ParameterizedTest
    @CsvSource({"0.1, 1000", "0.2, 7", "0.5, 1"})
    void theKeepMaskDropsTheRateAndScalesTheRestToKeepTheMean(double rate, int width) {
        float[] mask = mask(rate, width, 1);
        int threshold = (int) Math.round(rate * 65536);
        float scale = (float) (65536.0 / (65536 - threshold));
        int dropped = 0;
        for (float m : mask) {
            assertThat(m).isIn(0f, scale);
            dropped += m == 0 ? 1 : 0;
        }
        assertThat(mask).hasSize(BATCH * width);
        double n = mask.length;
        // Within five binomial standard deviations of the rate.
        assertThat(dropped / n).isCloseTo(rate, within(5 * Math.sqrt(rate * (1 - rate) / n)));
    }

    @ParameterizedTest
    @CsvSource({"0.1, 1000", "0.2, 7"})
    void streamsGiveDifferentMasksAndTheSameStreamTheSameMask(double rate, int width) {
        assertThat(mask(rate, width, 1)).isEqualTo(mask(rate, width, 1)).isNotEqualTo(mask(rate, width, 2));
    }

    private static float[] mask(double rate, int width, long stream) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Randomness random = new Randomness(tf.constant(new long[] {42, 7}), tf.constant(new int[] {BATCH}));
            Operand<TFloat32> mask = random.keepMask(tf, stream, width, rate);
            try (Result result = session.runner().fetch(mask).run()) {
                TFloat32 tensor = (TFloat32) result.get(0);
                assertThat(tensor.shape().asArray()).containsExactly(BATCH, width);
                float[] values = new float[BATCH * width];
                tensor.copyTo(DataBuffers.of(values, false, false));
                return values;
            }
        }
    }
}
