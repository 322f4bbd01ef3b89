package dev.shapesvae.analysis.study;

import dev.shapesvae.inference.NearestImages;
import java.util.SplittableRandom;

/**
 * The generator the protocol cannot tell from the dataset (SPEC section 6): it draws entries
 * uniformly, with replacement, and emits their exact images. An exact image's nearest distinct
 * image is itself, at distance 0, so its matches need no search. Whatever it scores is the most a
 * model can be expected to score under the same protocol: its limit.
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
