package dev.shapesvae.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.runtime.FloatMatrix;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NearestImagesTest {
    private static final List<BinaryImage> DISTINCT = ShapesDataset.standard().distinctImages();

    @Test
    void agreesWithABruteForceSearch() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 1500;
        float[] pixels = new float[n * Canvas.PIXELS];
        for (int i = 0; i < n; i++) {
            // A dataset image with noise, so the nearest is usually, but not always, the source.
            BinaryImage source = DISTINCT.get(random.nextInt(DISTINCT.size()));
            for (int p = 0; p < Canvas.PIXELS; p++) {
                float v = (source.isOn(p) ? 1f : 0f) + (float) random.nextGaussian() * 0.3f;
                pixels[i * Canvas.PIXELS + p] = Math.max(0, Math.min(1, v));
            }
        }
        try (NearestImages search = new NearestImages(DISTINCT)) {
            NearestImages.Match[] matches = search.nearest(new FloatMatrix(n, Canvas.PIXELS, pixels));
            for (int i = 0; i < n; i += 37) {
                double best = Double.MAX_VALUE;
                for (BinaryImage v : DISTINCT) {
                    best = Math.min(best, NearestImages.distance(pixels, i * Canvas.PIXELS, v));
                }
                assertThat(matches[i].distance()).as("row %d", i).isCloseTo(best, within(1e-6));
            }
        }
    }

    @Test
    void distancesAreExactAndTiesGoToTheFirstTarget() {
        BinaryImage empty = BinaryImage.of((r, c) -> false);
        BinaryImage topLeft = BinaryImage.of((r, c) -> r < 2 && c < 2);
        BinaryImage bottom = BinaryImage.of((r, c) -> r == 27);
        // Targets 1 and 2 are the same image: a tie resolves to index 1.
        try (NearestImages search = new NearestImages(List.of(bottom, topLeft, topLeft, empty))) {
            float[] g = new float[2 * Canvas.PIXELS];
            // Row 0: exactly topLeft. Row 1: 0.5 on the four topLeft pixels; distance 1 to both topLeft and empty.
            topLeft.copyTo(g, 0);
            for (int p : topLeft.onIndices()) {
                g[Canvas.PIXELS + p] = 0.5f;
            }
            NearestImages.Match[] m = search.nearest(new FloatMatrix(2, Canvas.PIXELS, g));
            assertThat(m[0].index()).isEqualTo(1);
            assertThat(m[0].distance()).isZero();
            assertThat(m[1].index()).isEqualTo(1);
            assertThat(m[1].distance()).isCloseTo(1.0, within(1e-12));
        }
    }
}
