package dev.shapesvae.trainer.fit;

import dev.shapesvae.repository.LossValues;
import java.util.function.Supplier;

/**
 * The two times of a training run: its training time so far (that of the processes before this
 * one, plus this one's wall time, validation included), and the time this process spent in
 * training steps alone, which the throughput is measured against.
 */
final class TrainingClock {
    private final double secondsBefore;
    private final long wallStart = System.nanoTime();
    private long stepNanos;
    private long samples;

    TrainingClock(double secondsBefore) {
        this.secondsBefore = secondsBefore;
    }

    /** Runs one training step on {@code size} samples, timing it. */
    LossValues timeStep(int size, Supplier<LossValues> step) {
        long start = System.nanoTime();
        LossValues loss = step.get();
        stepNanos += System.nanoTime() - start;
        samples += size;
        return loss;
    }

    /** The run's training time so far. */
    double seconds() {
        return secondsBefore + (System.nanoTime() - wallStart) / 1e9;
    }

    /** Training samples per second of time spent in this process's steps; 0 before the first. */
    double samplesPerSecond() {
        return stepNanos == 0 ? 0 : samples / (stepNanos / 1e9);
    }
}
