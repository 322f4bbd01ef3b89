package dev.shapesvae.analysis.study;

/**
 * The protocol of the study (SPEC section 5 defaults): samples for each sampled metric, the
 * coverage threshold, how many seeds each sampled metric is repeated over, and the MIG bins.
 */
public record StudyOptions(int nearestNeighbourSamples, int coverageSamples, double tau, int klSamples, int seeds,
        long seed, int migBins, int reportBatch) {
    public StudyOptions {
        positive("nearest-neighbour samples", nearestNeighbourSamples);
        positive("coverage samples", coverageSamples);
        positive("KL samples", klSamples);
        positive("seeds", seeds);
        positive("MIG bins", migBins);
        positive("report batch", reportBatch);
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be a positive number, got " + tau);
        }
    }

    /** The report's protocol: 1000 samples for the distance, 10000 at tau = 3 for coverage, 8002 for KL; 5 seeds. */
    public static StudyOptions paper() {
        return new StudyOptions(1000, 10000, 3.0, 8002, 5, 0, 20, 100);
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
