package dev.shapesvae.trainer.fit;

import dev.shapesvae.repository.LossValues;
import java.nio.file.Path;

/**
 * How a call to {@link Trainer#run} ended.
 *
 * @param completed false when it was stopped early (Ctrl-C) and left a checkpoint to resume from
 * @param samplesPerSecond training samples per second of time spent in training steps, this process only
 */
public record TrainingOutcome(boolean completed, int epochsDone, long step, double trainSeconds, double samplesPerSecond,
        LossValues lastTrain, LossValues lastValidation, Path checkpoint) {
}
