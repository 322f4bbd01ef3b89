package dev.shapesvae.trainer.fit;

import java.nio.file.Path;

/**
 * How a call to {@link Trainer#run} ended.
 *
 * @param completed false when it was stopped early (Ctrl-C) and left a checkpoint to resume from
 * @param state where training stood at the end, as its last checkpoint records it
 * @param checkpoint that checkpoint
 * @param samplesPerSecond training samples per second of time spent in training steps, this process only
 */
public record TrainingOutcome(boolean completed, CheckpointState state, Path checkpoint, double samplesPerSecond) {
}
