package dev.shapesvae.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.repository.LossValues;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.testing.Fixtures;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointStateTest {
    private static final ModelConfig CONFIG = Fixtures.config(ModelKind.VAE, 2, false);
    private static final LossValues NONE = new LossValues(0, 0, 0);

    /** Batches of 4 and 2 rows: the epoch's mean weighs each batch by its rows, (4 x 1 + 2 x 4) / 6 = 2 and so on. */
    @Test
    void anEpochsMeanLossWeighsEachBatchByItsRows() {
        LossTotals totals = LossTotals.NONE.plus(new LossValues(1, 2, 3), 4).plus(new LossValues(4, 5, 9), 2);
        assertThat(totals.samples()).isEqualTo(6);
        assertThat(totals.sums()).isEqualTo(new LossValues(12, 18, 30));
        assertThat(totals.mean()).isEqualTo(new LossValues(2, 3, 5));
    }

    @Test
    void theStateFollowsStepsAndEpochs() {
        CheckpointState start = CheckpointState.start(CONFIG, 0.9);
        assertThat(start).isEqualTo(new CheckpointState(CONFIG, 7, 0.9, 0, 0, 0, 0, NONE, 0, NONE, NONE));

        CheckpointState midEpoch = start.afterStep(new LossValues(1, 2, 3), 4).afterStep(new LossValues(4, 5, 9), 2).withTrainSeconds(1.5);
        assertThat(midEpoch).isEqualTo(new CheckpointState(CONFIG, 7, 0.9, 0, 2, 2, 1.5, new LossValues(12, 18, 30), 6, NONE, NONE));

        CheckpointState unvalidated = midEpoch.afterEpoch(Optional.empty(), 2.5);
        assertThat(unvalidated).isEqualTo(new CheckpointState(CONFIG, 7, 0.9, 1, 0, 2, 2.5, NONE, 0, new LossValues(2, 3, 5), NONE));

        LossValues validation = new LossValues(0.5, 0.25, 0.75);
        CheckpointState validated = unvalidated.afterStep(new LossValues(1, 1, 2), 3).afterEpoch(Optional.of(validation), 4);
        assertThat(validated).isEqualTo(new CheckpointState(CONFIG, 7, 0.9, 2, 0, 3, 4, NONE, 0, new LossValues(1, 1, 2), validation));
        // An epoch without validation keeps the last measured one.
        assertThat(validated.afterStep(new LossValues(1, 1, 2), 3).afterEpoch(Optional.empty(), 5).lastValidation()).isEqualTo(validation);
    }
}
