package dev.shapesvae.analysis.report.results;

import dev.shapesvae.analysis.study.SamplerStudy;

/**
 * Every generative metric of one sampler of a model (such as {@code prior}, z ~ N(0, I)), beside
 * the protocol's limit, and what they say about memorising.
 */
public record SamplerResults(String sampler, GenerativeResults generative, AgainstLimitResults againstLimit,
        GeneralisationResults generalisation) {
    public SamplerResults {
        Copies.present("sampler", sampler);
        Copies.present("generative", generative);
        Copies.present("againstLimit", againstLimit);
        Copies.present("generalisation", generalisation);
    }

    public static SamplerResults of(SamplerStudy s) {
        return new SamplerResults(s.sampler(), GenerativeResults.of(s.metrics()), AgainstLimitResults.of(s.againstLimit()),
                GeneralisationResults.of(s.generalisation()));
    }
}
