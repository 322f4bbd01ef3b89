package dev.shapesvae.analysis.study;

import dev.shapesvae.repository.ModelBundle;

/**
 * Everything measured on one model: generative metrics, reconstruction error, latent findings,
 * and the seconds each stage took.
 *
 * @param reconstructionBits mean over the distinct valid images, in bits per image
 * @param reconstructionReport the report's batch-sum form over the 8002 entries
 */
public record ModelStudy(ModelBundle bundle, GenerativeMetrics generative, double reconstructionBits,
        double reconstructionReport, LatentFindings latent, java.util.Map<String, Double> stageSeconds) {
}
