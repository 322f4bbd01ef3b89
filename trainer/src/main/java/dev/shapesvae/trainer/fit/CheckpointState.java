package dev.shapesvae.trainer.fit;

import dev.shapesvae.repository.LossValues;
import dev.shapesvae.repository.ModelConfig;
import java.util.Optional;

/**
 * Everything besides the TensorFlow variables that a resumed run needs to continue exactly where
 * the interrupted one stopped. Shuffling and noise are keyed by (seed, epoch) and (seed, step), so
 * the position is the whole random state. The training loop carries it along, one step and one
 * epoch at a time ({@link #afterStep}, {@link #afterEpoch}); its fields are those of
 * {@code state.json} in every checkpoint.
 *
 * @param epochsDone completed epochs
 * @param batchesDone batches of the current (incomplete) epoch already taken
 * @param step global steps taken
 * @param trainSeconds training time up to this state, in this process and those before it
 * @param epochSums the current epoch's running sums of batch losses times batch sizes
 * @param epochSamples the current epoch's samples so far
 */
public record CheckpointState(ModelConfig config, long splitSeed, double trainFraction, int epochsDone, int batchesDone,
        long step, double trainSeconds, LossValues epochSums, long epochSamples, LossValues lastTrain,
        LossValues lastValidation) {

    /** Before the first step: nothing trained, the split keyed by the config's seed. */
    public static CheckpointState start(ModelConfig config, double trainFraction) {
        LossValues none = LossTotals.NONE.sums();
        return new CheckpointState(config, config.hyperparameters().seed(), trainFraction, 0, 0, 0, 0, none, 0, none, none);
    }

    /** The current epoch's running loss totals. */
    LossTotals epochTotals() {
        return new LossTotals(epochSums, epochSamples);
    }

    /** After one more step, on a batch of {@code size} rows whose mean loss was {@code loss}. */
    CheckpointState afterStep(LossValues loss, int size) {
        LossTotals totals = epochTotals().plus(loss, size);
        return new CheckpointState(config, splitSeed, trainFraction, epochsDone, batchesDone + 1, step + 1, trainSeconds,
                totals.sums(), totals.samples(), lastTrain, lastValidation);
    }

    /**
     * At the end of the epoch: its mean training loss becomes the last one, the validation loss if
     * it was measured now, and the next epoch's totals start from none.
     */
    CheckpointState afterEpoch(Optional<LossValues> validation, double seconds) {
        return new CheckpointState(config, splitSeed, trainFraction, epochsDone + 1, 0, step, seconds, LossTotals.NONE.sums(), 0,
                epochTotals().mean(), validation.orElse(lastValidation));
    }

    /** The same position, with the training time so far. */
    CheckpointState withTrainSeconds(double seconds) {
        return new CheckpointState(config, splitSeed, trainFraction, epochsDone, batchesDone, step, seconds, epochSums, epochSamples,
                lastTrain, lastValidation);
    }
}
