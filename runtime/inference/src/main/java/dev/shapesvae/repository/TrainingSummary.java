package dev.shapesvae.repository;

/**
 * How a fit went: epochs run, time, throughput, device, final losses, and the per-epoch history
 * file inside the bundle.
 */
public record TrainingSummary(int epochs, double seconds, double samplesPerSecond, String device,
        LossValues finalTrain, LossValues finalValidation, String historyFile) {
}
