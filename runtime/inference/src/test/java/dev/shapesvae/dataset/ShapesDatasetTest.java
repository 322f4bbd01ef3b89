package dev.shapesvae.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShapesDatasetTest {
    private final ShapesDataset dataset = ShapesDataset.standard();

    /** A canvas that is off except for the given rows of '#' and '.', placed with their top-left at (top, left). */
    private static BinaryImage sketch(int top, int left, String... rows) {
        return BinaryImage.of((r, c) -> {
            int i = r - top;
            int j = c - left;
            return i >= 0 && i < rows.length && j >= 0 && j < rows[i].length() && rows[i].charAt(j) == '#';
        });
    }

    private ShapeEntry entry(Shape shape, int size, int x, int y) {
        return dataset.entries().stream()
                .filter(e -> e.shape() == shape && e.size() == size && e.x() == x && e.y() == y)
                .findFirst().orElseThrow();
    }

    @Test
    void countsPerShapeMatchTheSpec() {
        assertThat(dataset.entries()).hasSize(8002);
        assertThat(dataset.entries().stream().filter(e -> e.shape() == Shape.SQUARE)).hasSize(3084);
        assertThat(dataset.entries().stream().filter(e -> e.shape() == Shape.CIRCLE)).hasSize(2780);
        assertThat(dataset.entries().stream().filter(e -> e.shape() == Shape.TRIANGLE)).hasSize(2138);
        for (int s = 7; s <= 14; s++) {
            int h = 5 * s / 6;
            assertThat(dataset.count(Shape.SQUARE, s)).as("squares of size %d", s).isEqualTo((30 - s) * (30 - s));
            assertThat(dataset.count(Shape.CIRCLE, s)).as("circles of size %d", s).isEqualTo((29 - s) * (29 - s));
            assertThat(dataset.count(Shape.TRIANGLE, s)).as("triangles of size %d", s).isEqualTo((29 - 2 * h) * (29 - h));
        }
    }

    @Test
    void entriesComeInCanonicalOrder() {
        List<ShapeEntry> entries = dataset.entries();
        assertThat(entries.get(0).describe()).isEqualTo("square s=7 x=0 y=0");
        assertThat(entries.get(1).describe()).isEqualTo("square s=7 x=0 y=1");
        assertThat(entries.get(23).describe()).isEqualTo("square s=7 x=1 y=0");
        assertThat(entries.get(3084).describe()).isEqualTo("circle s=7 x=3 y=3");
        assertThat(entries.get(3084 + 2780).describe()).isEqualTo("triangle s=7 x=5 y=0");
        assertThat(entries.get(8001).describe()).isEqualTo("triangle s=14 x=17 y=17");
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i).index()).isEqualTo(i);
        }
    }

    @Test
    void clippedSquareLosesItsLastColumn() {
        ShapeEntry square = entry(Shape.SQUARE, 8, 21, 0);
        assertThat(square.isClipped()).isTrue();
        assertThat(square.image()).isEqualTo(sketch(0, 21,
                "#######",
                "#######",
                "#######",
                "#######",
                "#######",
                "#######",
                "#######",
                "#######"));
        assertThat(square.image().onCount()).isEqualTo(7 * 8);
    }

    @Test
    void smallestCircleIsSupersampled() {
        // Diameter 7 about pixel (3, 3): the corner pixels (0, 0) .. (1, 1) keep fewer than 9 of 16 subsamples.
        assertThat(entry(Shape.CIRCLE, 7, 3, 3).image()).isEqualTo(sketch(0, 0,
                "..###",
                ".#####",
                "#######",
                "#######",
                "#######",
                ".#####",
                "..###"));
        // Diameter 8 about pixel (4, 4) is 7 pixels wide: the ring at distance 4 keeps at most 8 subsamples.
        assertThat(entry(Shape.CIRCLE, 8, 4, 4).image()).isEqualTo(sketch(1, 1,
                ".#####",
                "#######",
                "#######",
                "#######",
                "#######",
                "#######",
                ".#####"));
    }

    @Test
    void smallestTriangleHasHeightFive() {
        assertThat(entry(Shape.TRIANGLE, 7, 5, 0).image()).isEqualTo(sketch(0, 1,
                "....#",
                "...###",
                "..#####",
                ".#######",
                "#########"));
        assertThat(Shape.triangleHeight(7)).isEqualTo(5);
        assertThat(Shape.triangleHeight(14)).isEqualTo(11);
    }

    @Test
    void everyImageIsNonEmptyAndHasTheExpectedArea() {
        for (ShapeEntry e : dataset.entries()) {
            int on = e.image().onCount();
            assertThat(on).as(e.describe()).isPositive();
            if (e.shape() == Shape.TRIANGLE) {
                int h = Shape.triangleHeight(e.size());
                assertThat(on).as(e.describe()).isEqualTo(h * h);
            } else if (e.shape() == Shape.SQUARE) {
                int w = Math.min(e.size(), 28 - e.x());
                int h = Math.min(e.size(), 28 - e.y());
                assertThat(on).as(e.describe()).isEqualTo(w * h);
            }
        }
        assertThat(dataset.entries().stream().filter(ShapeEntry::isClipped)).hasSize(2 * (23 + 22 + 21 + 20 + 19 + 18 + 17 + 16) - 8);
    }

    @Test
    void duplicatesAreSameHeightTrianglesAndCornerClippedSquares() {
        assertThat(dataset.distinctImages()).hasSize(7824);
        List<ShapeEntry> duplicates = dataset.duplicateEntries();
        assertThat(duplicates).hasSize(8002 - 7824);
        for (ShapeEntry dup : duplicates) {
            ShapeEntry first = dataset.firstEntryOf(dup.distinctIndex());
            assertThat(first.image()).isEqualTo(dup.image());
            assertThat(first.x()).isEqualTo(dup.x());
            assertThat(first.y()).isEqualTo(dup.y());
            assertThat(first.shape()).isEqualTo(dup.shape());
            if (dup.shape() == Shape.TRIANGLE) {
                // Sizes 12 and 13 share height floor(5 s / 6) = 10.
                assertThat(first.size()).isEqualTo(12);
                assertThat(dup.size()).isEqualTo(13);
            } else {
                // Size s clipped at both edges (x = y = 29 - s) leaves an (s - 1) square at the same corner.
                assertThat(dup.shape()).isEqualTo(Shape.SQUARE);
                assertThat(dup.size()).isEqualTo(first.size() + 1);
                assertThat(dup.x()).isEqualTo(29 - dup.size());
                assertThat(dup.y()).isEqualTo(29 - dup.size());
            }
        }
        assertThat(duplicates.stream().filter(e -> e.shape() == Shape.TRIANGLE)).hasSize(9 * 19);
        assertThat(duplicates.stream().filter(e -> e.shape() == Shape.SQUARE)).hasSize(7);
        for (int d = 0; d < dataset.distinctImages().size(); d++) {
            for (ShapeEntry e : dataset.entriesOf(d)) {
                assertThat(e.distinctIndex()).isEqualTo(d);
            }
        }
    }

    @Test
    void splitIsDisjointCompleteAndDeterministic() {
        DatasetSplit split = dataset.split(42, 0.9);
        int n = dataset.distinctImages().size();
        assertThat(split.train()).hasSize((int) Math.round(n * 0.9));
        assertThat(split.validation()).hasSize(n - split.train().length);
        Set<Integer> seen = new HashSet<>();
        IntStream.of(split.train()).forEach(seen::add);
        IntStream.of(split.validation()).forEach(i -> assertThat(seen.add(i)).as("image %d in both sets", i).isTrue());
        assertThat(seen).hasSize(n);

        assertThat(dataset.split(42, 0.9)).isEqualTo(split);
        assertThat(Arrays.equals(dataset.split(43, 0.9).validation(), split.validation())).isFalse();
    }

    @Test
    void splitRejectsFractionsOutsideTheOpenInterval() {
        assertThatThrownBy(() -> dataset.split(1, 1.0)).hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> dataset.split(1, 0)).hasMessageContaining("strictly between 0 and 1");
    }

    @Test
    void pixelsAreRowMajorZeroOrOne() {
        float[] m = dataset.pixels(new int[] {0, 1});
        assertThat(m).hasSize(2 * Canvas.PIXELS);
        BinaryImage second = dataset.distinctImages().get(1);
        for (int i = 0; i < Canvas.PIXELS; i++) {
            assertThat(m[Canvas.PIXELS + i]).isEqualTo(second.isOn(i) ? 1f : 0f);
        }
    }

    @Test
    void textRoundTrips() {
        BinaryImage image = dataset.entries().get(5000).image();
        assertThat(BinaryImage.parse(image.toText().split("\n"))).isEqualTo(image);
        assertThatThrownBy(() -> BinaryImage.parse("#")).hasMessageContaining("expected 28 rows");
    }
}
