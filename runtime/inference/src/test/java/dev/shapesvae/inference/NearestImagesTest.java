package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.inference.FloatMatrix;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NearestImagesTest {
    private static final List<BinaryImage> DISTINCT = ShapesDataset.standard().distinctImages();

    /** The brute force the search must agree with, written here from the definition: a loop over every target and pixel. */
    private static double[] bruteForce(float[] pixels, int row, List<BinaryImage> targets) {
        double best = Double.POSITIVE_INFINITY;
        int bestIndex = -1;
        for (int t = 0; t < targets.size(); t++) {
            float[] target = targets.get(t).toFloats();
            double sum = 0;
            for (int p = 0; p < Canvas.PIXELS; p++) {
                double d = pixels[row * Canvas.PIXELS + p] - target[p];
                sum += d * d;
            }
            // Strictly smaller: the first of equally near targets wins.
            if (sum < best) {
                best = sum;
                bestIndex = t;
            }
        }
        return new double[] {bestIndex, Math.sqrt(best)};
    }

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
                double[] expected = bruteForce(pixels, i, DISTINCT);
                // The search ranks by float32 scores, so a near tie may go to another target at the
                // same distance up to float rounding; the distance itself is exact.
                assertThat(matches[i].distance()).as("row %d", i).isCloseTo(expected[1], within(1e-6));
            }
        }
    }

    @Test
    void distancesAreExactAndTiesGoToTheFirstTarget() {
        BinaryImage empty = BinaryImage.of((r, c) -> false);
        BinaryImage topLeft = BinaryImage.of((r, c) -> r < 2 && c < 2);
        BinaryImage bottom = BinaryImage.of((r, c) -> r == 27);
        List<BinaryImage> targets = List.of(bottom, topLeft, topLeft, empty);
        // Targets 1 and 2 are the same image: a tie resolves to index 1.
        try (NearestImages search = new NearestImages(targets)) {
            float[] g = new float[4 * Canvas.PIXELS];
            // Row 0: exactly topLeft.
            topLeft.copyTo(g, 0);
            // Row 1: 0.5 on the four topLeft pixels: distance sqrt(4 x 0.25) = 1 to both topLeft and empty.
            for (int p : topLeft.onIndices()) {
                g[Canvas.PIXELS + p] = 0.5f;
            }
            // Row 2: topLeft with four more pixels on: distance sqrt(4) = 2, not 4 (its square).
            topLeft.copyTo(g, 2 * Canvas.PIXELS);
            for (int c = 10; c < 14; c++) {
                g[2 * Canvas.PIXELS + Canvas.index(5, c)] = 1f;
            }
            // Row 3: 0.3 on the four topLeft pixels: nearer empty (sqrt(4 x 0.09) = 0.6, not its square 0.36) than topLeft (1.4).
            for (int p : topLeft.onIndices()) {
                g[3 * Canvas.PIXELS + p] = 0.3f;
            }
            NearestImages.Match[] m = search.nearest(new FloatMatrix(4, Canvas.PIXELS, g));
            assertThat(m[0].index()).isEqualTo(1);
            assertThat(m[0].distance()).isZero();
            assertThat(m[1].index()).isEqualTo(1);
            assertThat(m[1].distance()).isCloseTo(1.0, within(1e-12));
            assertThat(m[2].index()).isEqualTo(1);
            assertThat(m[2].distance()).isCloseTo(2.0, within(1e-12));
            assertThat(m[3].index()).isEqualTo(3);
            assertThat(m[3].distance()).isCloseTo(0.6, within(1e-7));
            for (int row = 0; row < 4; row++) {
                assertThat(bruteForce(g, row, targets)).as("brute force, row %d", row)
                        .containsExactly(new double[] {m[row].index(), m[row].distance()}, within(1e-7));
            }
        }
    }
}
