package dev.shapesvae.analysis.study;

import dev.shapesvae.inference.NearestImages;

/**
 * A source of generated images as the generative metrics see them: for each of {@code count}
 * images drawn with a seed, its nearest distinct valid image and the distance to it. A model's
 * sampler goes through the nearest-image search; the perfect generator knows the answer.
 */
@FunctionalInterface
public interface ImageMatches {
    NearestImages.Match[] draw(int count, long seed);
}
