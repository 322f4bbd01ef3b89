package dev.shapesvae.analysis.report.results;

import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.repository.ModelConfig;
import java.util.List;
import java.util.Map;

/**
 * Everything measured on one model, with what identifies it: name, version and the configuration
 * it was trained with.
 *
 * @param split the training and held-out images it was fitted on
 * @param samplers every generative metric per sampler, {@code prior} first
 * @param limit the perfect generator's generative metrics under the same protocol and split
 * @param reconstructionBitsPerImage mean over the distinct valid images
 * @param reconstructionReportFormBits the report's batch-sum form over the 8002 entries
 * @param stageSeconds seconds per stage of the study, in the order they ran
 */
public record ModelResults(String name, int version, ModelConfig config, SplitResults split, List<SamplerResults> samplers,
        GenerativeResults limit, double reconstructionBitsPerImage, double reconstructionReportFormBits, LatentResults latent,
        Map<String, Double> stageSeconds) {
    public ModelResults {
        Copies.present("name", name);
        Copies.present("config", config);
        Copies.present("split", split);
        samplers = List.copyOf(Copies.present("samplers", samplers));
        Copies.present("limit", limit);
        Copies.present("latent", latent);
        stageSeconds = Copies.ordered("stageSeconds", stageSeconds);
    }

    public static ModelResults of(ModelStudy study) {
        return new ModelResults(study.bundle().name(), study.bundle().version(), study.bundle().manifest().config(),
                SplitResults.of(study.split()), study.samplers().stream().map(SamplerResults::of).toList(),
                GenerativeResults.of(study.limit()), study.reconstructionBits(), study.reconstructionReport(),
                LatentResults.of(study.latent()), study.stageSeconds());
    }
}
