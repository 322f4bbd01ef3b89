package dev.shapesvae.analysis.study;

import dev.shapesvae.inference.NearestImages;
import java.util.SplittableRandom;

/**
 * The generator the protocol cannot tell from the dataset (SPEC section 6): it draws entries
 * uniformly, with replacement, and emits their exact images. An exact image's nearest distinct
 * image is itself, at distance 0, so its matches need no search. What it scores is what drawing
 * the dataset itself scores under the same protocol: the limit the report compares models with. It
 * is not a ceiling: a generator that spreads its samples more evenly than uniform draws covers
 * more images and can pass it.
 */
public final class PerfectGenerator implements ImageMatches {
    private final EntryImages dataset;

    public PerfectGenerator(EntryImages dataset) {
        this.dataset = dataset;
    }

    @Override
    public NearestImages.Match[] draw(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NearestImages.Match[] matches = new NearestImages.Match[count];
        for (int i = 0; i < count; i++) {
            matches[i] = new NearestImages.Match(dataset.imageOf(random.nextInt(dataset.entries())), 0.0);
        }
        return matches;
    }
}
