package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The allclose rule and the largest difference, against cases worked out by hand. */
class OutputAgreementTest {
    private static final Tolerance HUNDREDTHS = new Tolerance(0.01, 0.01);

    private static FloatMatrix row(float... values) {
        return new FloatMatrix(1, values.length, values);
    }

    @Test
    void theWorstValueSetsTheShareOfTheTolerance() {
        // Differences 0.005, 0.03, 0; allowances 0.01 + 0.01 x |0.5| = 0.015 and 0.01 + 0.01 x |-2| = 0.03:
        // shares 1/3 and 1, so the second value uses the whole tolerance and still agrees.
        OutputAgreement agreement = OutputAgreement.of("z", row(0.5f, -2f, 0f), row(0.505f, -2.03f, 0f), HUNDREDTHS);

        assertThat(agreement.output()).isEqualTo("z");
        assertThat(agreement.values()).isEqualTo(3);
        assertThat(agreement.maxDifference()).isCloseTo(0.03, within(1e-6));
        assertThat(agreement.worstShare()).isCloseTo(1.0, within(1e-4));
        assertThat(OutputAgreement.of("z", row(0.5f, -2f), row(0.505f, -2.04f), HUNDREDTHS).agrees()).isFalse();
        assertThat(OutputAgreement.of("z", row(0.5f, -2f), row(0.505f, -2.02f), HUNDREDTHS).agrees()).isTrue();
    }

    @Test
    void aNanOnOneSideNeverAgreesButEqualValuesAlwaysDo() {
        OutputAgreement nan = OutputAgreement.of("probs", row(0.25f, 0.5f), row(0.25f, Float.NaN), HUNDREDTHS);
        assertThat(nan.maxDifference()).isInfinite();
        assertThat(nan.agrees()).isFalse();

        OutputAgreement same = OutputAgreement.of("logits", row(Float.NaN, Float.NEGATIVE_INFINITY, 3f), row(Float.NaN, Float.NEGATIVE_INFINITY, 3f),
                new Tolerance(0, 0));
        assertThat(same.maxDifference()).isZero();
        assertThat(same.worstShare()).isZero();
        assertThat(OutputAgreement.of("logits", row(3f), row(3.0001f), new Tolerance(0, 0)).worstShare()).isInfinite();
    }

    @Test
    void itSaysItselfInOneLine() {
        assertThat(OutputAgreement.of("probs", row(0.5f, 0.25f), row(0.501f, 0.25f), HUNDREDTHS))
                .hasToString("probs: max |difference| 0.00100 over 2 values, 7% of the tolerance");
    }

    @Test
    void onlyOutputsOfOneShapeAreCompared() {
        assertThatThrownBy(() -> OutputAgreement.of("probs", row(1f, 2f), new FloatMatrix(2, 1, new float[] {1f, 2f}), HUNDREDTHS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("probs: cannot compare a 1 x 2 output with a 2 x 1 one");
    }

    @Test
    void aToleranceAllowsItsAbsolutePartPlusItsRelativePartOfTheReference() {
        assertThat(new Tolerance(0.01, 0.02).allowance(-3)).isCloseTo(0.07, within(1e-15));
        assertThat(Tolerance.CUDA_AGAINST_CPU).isEqualTo(HUNDREDTHS);
        assertThatThrownBy(() -> new Tolerance(-0.1, 0)).hasMessage("absolute tolerance must be a finite number >= 0, got -0.1");
        assertThatThrownBy(() -> new Tolerance(0, Double.NaN)).hasMessage("relative tolerance must be a finite number >= 0, got NaN");
    }
}
