package dev.shapesvae.analysis.study;

import dev.shapesvae.dataset.DatasetSplit;
import dev.shapesvae.repository.ModelBundle;
import java.util.List;
import java.util.Map;

/**
 * Everything measured on one model: the generative metrics of each sampler, the protocol's limit
 * they are compared with, reconstruction error, latent findings, and the seconds each stage took.
 *
 * @param split the training and held-out images the model was fitted on
 * @param samplers one study per sampler, {@code prior} first
 * @param limit the perfect generator's metrics under the same protocol and split
 * @param reconstructionBits mean over the distinct valid images, in bits per image
 * @param reconstructionReport the report's batch-sum form over the 8002 entries
 */
public record ModelStudy(ModelBundle bundle, DatasetSplit split, List<SamplerStudy> samplers, GenerativeMetrics limit,
        double reconstructionBits, double reconstructionReport, LatentFindings latent, Map<String, Double> stageSeconds) {
    public ModelStudy {
        samplers = List.copyOf(samplers);
        if (samplers.isEmpty()) {
            throw new IllegalArgumentException("a model study needs at least one sampler");
        }
    }

    /** The same study with other stage times (the report adds the figures' time). */
    public ModelStudy withStageSeconds(Map<String, Double> seconds) {
        return new ModelStudy(bundle, split, samplers, limit, reconstructionBits, reconstructionReport, latent, seconds);
    }
}
