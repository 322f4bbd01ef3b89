package dev.shapesvae.trainer.fit;

import dev.shapesvae.repository.LossValues;
import dev.shapesvae.repository.ModelConfig;

/**
 * Everything besides the TensorFlow variables that a resumed run needs to continue exactly where
 * the interrupted one stopped. Shuffling and noise are keyed by (seed, epoch) and (seed, step), so
 * the position is the whole random state.
 *
 * @param epochsDone completed epochs
 * @param batchesDone batches of the current (incomplete) epoch already taken
 * @param step global steps taken
 * @param epochSums the current epoch's running sums of batch losses times batch sizes
 * @param epochSamples the current epoch's samples so far
 */
public record CheckpointState(ModelConfig config, long splitSeed, double trainFraction, int epochsDone, int batchesDone,
        long step, double trainSeconds, LossValues epochSums, long epochSamples, LossValues lastTrain,
        LossValues lastValidation) {
}
