package dev.shapesvae.analysis.metrics;

import dev.shapesvae.inference.NearestImages;

/**
 * Share of valid images that the model generates: each generated image marks its nearest valid
 * image if it is within {@code tau}; coverage is the share of images marked (SPEC section 5).
 */
public final class Coverage {
    private Coverage() {
    }

    /** Marked distinct images over all distinct images: the main figure. */
    public static double distinct(NearestImages.Match[] matches, int distinctImages, double tau) {
        return (double) marked(matches, distinctImages, tau) / distinctImages;
    }

    /**
     * The report's form: marked over the number of entries (8002). Its nearest-image search could
     * never mark the second copy of a duplicated image, so this is {@code marked / entries}.
     */
    public static double reportCompatible(NearestImages.Match[] matches, int distinctImages, int entries, double tau) {
        return (double) marked(matches, distinctImages, tau) / entries;
    }

    /**
     * Coverage of a subset of the distinct images, such as the training or the held-out images of a
     * split: the images of {@code subset} that are marked, over the size of the subset.
     *
     * @param subset indices of distinct images, each at most once
     */
    public static double among(NearestImages.Match[] matches, int distinctImages, double tau, int[] subset) {
        if (subset.length == 0) {
            throw new IllegalArgumentException("coverage of an empty set of images is undefined");
        }
        boolean[] hit = hits(matches, distinctImages, tau);
        int count = 0;
        for (int image : subset) {
            count += hit[image] ? 1 : 0;
        }
        return (double) count / subset.length;
    }

    static int marked(NearestImages.Match[] matches, int distinctImages, double tau) {
        int count = 0;
        for (boolean h : hits(matches, distinctImages, tau)) {
            count += h ? 1 : 0;
        }
        return count;
    }

    private static boolean[] hits(NearestImages.Match[] matches, int distinctImages, double tau) {
        boolean[] hit = new boolean[distinctImages];
        for (NearestImages.Match m : matches) {
            if (m.distance() <= tau) {
                hit[m.index()] = true;
            }
        }
        return hit;
    }
}
