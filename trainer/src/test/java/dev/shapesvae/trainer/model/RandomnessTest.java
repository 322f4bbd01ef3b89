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
import org.tensorflow.types.family.TFloating;

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

    /**
     * A bfloat16 mask drops the same elements as the float32 one, from the same draws, and scales
     * the rest by the nearest bfloat16 to the float32 scale: 1.109375 for 1 / 0.9 (bfloat16 has 8
     * significant bits, so between 1 and 2 its values are 1/128 apart), and 1.25 exactly for 1 / 0.8.
     */
    @ParameterizedTest
    @CsvSource({"0.1, 1000, 1.109375", "0.2, 7, 1.25"})
    void aBfloat16MaskDropsTheSameElementsAndScalesByTheNearestBfloat16(double rate, int width, float scale) {
        float[] float32 = mask(rate, width, 1);
        float[] bfloat16 = mask(rate, width, 1, ComputeType.BFLOAT16);
        assertThat(bfloat16).hasSameSizeAs(float32);
        for (int i = 0; i < float32.length; i++) {
            assertThat(bfloat16[i]).isEqualTo(float32[i] == 0 ? 0f : scale);
        }
    }

    private static float[] mask(double rate, int width, long stream) {
        return mask(rate, width, stream, ComputeType.FLOAT32);
    }

    /** The mask of a compute type, read as float32 (exact from bfloat16). */
    private static <T extends TFloating> float[] mask(double rate, int width, long stream, ComputeType<T> compute) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Randomness random = new Randomness(tf.constant(new long[] {42, 7}), tf.constant(new int[] {BATCH}));
            Operand<TFloat32> mask = compute.toFloat32(tf, random.keepMask(tf, stream, width, rate, compute));
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
