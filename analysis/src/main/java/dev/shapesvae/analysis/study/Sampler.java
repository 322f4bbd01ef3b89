package dev.shapesvae.analysis.study;

import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;

/**
 * A named way to generate images with a model, for which every generative metric is reported:
 * {@code prior} decodes z ~ N(0, I), the report's protocol; a sampler the bundle stores, such as
 * {@code gmm}, decodes z drawn from it (at temperature 1, as the protocol draws the prior's).
 *
 * @param name how the report and metrics.json name it
 * @param draw the images of {@code count} samples for a seed
 */
public record Sampler(String name, Draw draw) {
    public Sampler {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a sampler needs a name");
        }
        if (draw == null) {
            throw new IllegalArgumentException("sampler " + name + " has nothing to draw with");
        }
    }

    /** Generated images, reproducible for a seed. */
    @FunctionalInterface
    public interface Draw {
        /** The decoder's probabilities [count, 784] for {@code count} latents drawn with {@code seed}. */
        FloatMatrix probs(int count, long seed);
    }

    /** The model's latent sampler {@code name} (one of {@link GenerativeModel#samplers()}), decoded. */
    public static Sampler of(GenerativeModel model, String name) {
        return new Sampler(name, (count, seed) -> model.sample(name, count, seed, 1.0).probs());
    }
}
