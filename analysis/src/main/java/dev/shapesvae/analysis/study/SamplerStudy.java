package dev.shapesvae.analysis.study;

/**
 * The generative metrics of one sampler of a model, beside the protocol's limit, and what they say
 * about memorising.
 *
 * @param sampler the sampler's name, such as {@code prior}
 */
public record SamplerStudy(String sampler, GenerativeMetrics metrics, AgainstLimit againstLimit, Generalisation generalisation) {

    /** The sampler's metrics compared with {@code limit}, the perfect generator's on the same split. */
    public static SamplerStudy of(String sampler, GenerativeMetrics metrics, GenerativeMetrics limit) {
        return new SamplerStudy(sampler, metrics, AgainstLimit.of(metrics, limit), Generalisation.of(metrics));
    }
}
