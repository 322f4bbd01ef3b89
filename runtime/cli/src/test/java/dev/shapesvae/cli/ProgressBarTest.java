package dev.shapesvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ProgressBar bar = new ProgressBar(new PrintStream(out, true), "training", 1000, false);

    @Test
    void theFirstUpdateHasNoEtaYet() {
        bar.update(1, "", 30 * SECOND);
        assertThat(out.toString()).contains("ETA --");
    }

    @Test
    void theEtaLeavesOutTheFirstUnitsOneOffCost() {
        // The first unit took 30 s (say, TensorFlow optimising its graph), the next nine 1 s each.
        bar.update(1, "", 30 * SECOND);
        assertThat(bar.eta(10, 39 * SECOND)).isEqualTo("16m30s");
    }

    @Test
    void aResumedTaskIsTimedOnTheUnitsOfThisProcessOnly() {
        bar.update(900, "", 2 * SECOND);
        // 10 units in 10 s after resuming at 900: 90 left at 1 s each, not 90 x 11 ms.
        assertThat(bar.eta(910, 12 * SECOND)).isEqualTo("1m30s");
    }
}
