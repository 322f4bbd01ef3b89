package dev.shapesvae.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The exact enumeration of SPEC section 1: 8002 entries in canonical order (squares, circles,
 * triangles; then size, x, y) and the 7824 distinct images they draw. Some entries coincide:
 * triangles of sizes 12 and 13 share a height, and a square clipped at the bottom-right corner
 * equals the next smaller square. Metrics that count images work on {@link #distinctImages()}.
 */
public final class ShapesDataset {
    private static final ShapesDataset STANDARD = build();

    private final List<ShapeEntry> entries;
    private final List<BinaryImage> distinctImages;
    private final List<List<ShapeEntry>> entriesByDistinct;

    private ShapesDataset(List<ShapeEntry> entries, List<BinaryImage> distinctImages) {
        this.entries = List.copyOf(entries);
        this.distinctImages = List.copyOf(distinctImages);
        List<List<ShapeEntry>> byDistinct = new ArrayList<>();
        for (int i = 0; i < distinctImages.size(); i++) {
            byDistinct.add(new ArrayList<>());
        }
        for (ShapeEntry entry : entries) {
            byDistinct.get(entry.distinctIndex()).add(entry);
        }
        this.entriesByDistinct = byDistinct.stream().map(List::copyOf).toList();
    }

    /** The dataset (enumerated once per JVM; it is immutable). */
    public static ShapesDataset standard() {
        return STANDARD;
    }

    private static ShapesDataset build() {
        List<ShapeEntry> entries = new ArrayList<>(8002);
        List<BinaryImage> distinct = new ArrayList<>(7824);
        Map<BinaryImage, Integer> distinctIndex = new HashMap<>();
        for (Shape shape : Shape.values()) {
            for (int size = Shape.MIN_SIZE; size <= Shape.MAX_SIZE; size++) {
                IntRange xs = shape.xRange(size);
                IntRange ys = shape.yRange(size);
                for (int x = xs.min(); x <= xs.max(); x++) {
                    for (int y = ys.min(); y <= ys.max(); y++) {
                        BinaryImage image = shape.draw(size, x, y);
                        int d = distinctIndex.computeIfAbsent(image, img -> {
                            distinct.add(img);
                            return distinct.size() - 1;
                        });
                        entries.add(new ShapeEntry(entries.size(), shape, size, x, y, image, d));
                    }
                }
            }
        }
        return new ShapesDataset(entries, distinct);
    }

    /** All entries in canonical order. */
    public List<ShapeEntry> entries() {
        return entries;
    }

    /** The distinct images, numbered in order of their first entry. */
    public List<BinaryImage> distinctImages() {
        return distinctImages;
    }

    /** The entries that draw distinct image {@code distinctIndex}, in canonical order. */
    public List<ShapeEntry> entriesOf(int distinctIndex) {
        return entriesByDistinct.get(distinctIndex);
    }

    /** The first entry (in canonical order) that draws distinct image {@code distinctIndex}. */
    public ShapeEntry firstEntryOf(int distinctIndex) {
        return entriesByDistinct.get(distinctIndex).get(0);
    }

    /** Entries whose image another, earlier entry already drew. */
    public List<ShapeEntry> duplicateEntries() {
        return entries.stream().filter(e -> firstEntryOf(e.distinctIndex()) != e).toList();
    }

    /**
     * Splits the distinct images at random into training and validation sets, so that no image is
     * in both: a Fisher-Yates shuffle driven by {@link SplittableRandom}, whose sequence for a seed
     * is fixed by its specification, so a seed gives the same split on every JVM.
     *
     * @param trainFraction share of the distinct images for training, strictly between 0 and 1
     */
    public DatasetSplit split(long seed, double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must be strictly between 0 and 1, got " + trainFraction);
        }
        int n = distinctImages.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int trainCount = (int) Math.round(n * trainFraction);
        int[] train = java.util.Arrays.copyOfRange(order, 0, trainCount);
        int[] validation = java.util.Arrays.copyOfRange(order, trainCount, n);
        java.util.Arrays.sort(train);
        java.util.Arrays.sort(validation);
        return new DatasetSplit(seed, trainFraction, train, validation);
    }

    /**
     * The pixels of the given distinct images as one row-major matrix, {@code indices.length} rows
     * of 784 values of 0.0 or 1.0.
     */
    public float[] pixels(int[] distinctIndices) {
        float[] matrix = new float[distinctIndices.length * Canvas.PIXELS];
        for (int i = 0; i < distinctIndices.length; i++) {
            distinctImages.get(distinctIndices[i]).copyTo(matrix, i * Canvas.PIXELS);
        }
        return matrix;
    }

    /** Indices 0..n-1 of all distinct images. */
    public int[] allDistinct() {
        int[] all = new int[distinctImages.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /** Number of entries of a shape and size. */
    public int count(Shape shape, int size) {
        return (int) entries.stream().filter(e -> e.shape() == shape && e.size() == size).count();
    }
}
