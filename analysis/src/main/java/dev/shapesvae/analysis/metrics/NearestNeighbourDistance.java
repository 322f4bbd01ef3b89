package dev.shapesvae.analysis.metrics;

import dev.shapesvae.inference.NearestImages;

/** Mean over generated images of the Euclidean distance to the nearest valid image (SPEC section 5). */
public final class NearestNeighbourDistance {
    private NearestNeighbourDistance() {
    }

    public static double mean(NearestImages.Match[] matches) {
        if (matches.length == 0) {
            throw new IllegalArgumentException("no generated images");
        }
        double sum = 0;
        for (NearestImages.Match m : matches) {
            sum += m.distance();
        }
        return sum / matches.length;
    }
}
