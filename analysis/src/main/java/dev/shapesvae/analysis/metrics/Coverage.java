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

    static int marked(NearestImages.Match[] matches, int distinctImages, double tau) {
        boolean[] hit = new boolean[distinctImages];
        int count = 0;
        for (NearestImages.Match m : matches) {
            if (m.distance() <= tau && !hit[m.index()]) {
                hit[m.index()] = true;
                count++;
            }
        }
        return count;
    }
}
