package dev.shapesvae.dataset;

import java.util.Arrays;

/**
 * An immutable black-and-white 28 x 28 image, packed 64 pixels to a {@code long}. Equality is by
 * pixels, so it can key a map of distinct images.
 */
public final class BinaryImage {
    private static final int WORDS = (Canvas.PIXELS + 63) / 64;

    private final long[] words;
    private final int onCount;

    private BinaryImage(long[] words) {
        this.words = words;
        int count = 0;
        for (long w : words) {
            count += Long.bitCount(w);
        }
        this.onCount = count;
    }

    /** Which pixels are on, by row and column. */
    @FunctionalInterface
    public interface PixelRule {
        boolean isOn(int row, int column);
    }

    /** Draws an image by asking the rule about every pixel of the canvas. */
    public static BinaryImage of(PixelRule rule) {
        long[] words = new long[WORDS];
        for (int row = 0; row < Canvas.SIDE; row++) {
            for (int column = 0; column < Canvas.SIDE; column++) {
                if (rule.isOn(row, column)) {
                    int i = Canvas.index(row, column);
                    words[i >>> 6] |= 1L << (i & 63);
                }
            }
        }
        return new BinaryImage(words);
    }

    /**
     * Parses rows of text, one string per canvas row, where {@code '#'} is on and {@code '.'} is
     * off. Handy for writing expected images by hand.
     */
    public static BinaryImage parse(String... rows) {
        if (rows.length != Canvas.SIDE) {
            throw new IllegalArgumentException("expected " + Canvas.SIDE + " rows, got " + rows.length);
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length() != Canvas.SIDE || !rows[r].matches("[#.]*")) {
                throw new IllegalArgumentException("row " + r + " must be " + Canvas.SIDE + " characters of '#' or '.'");
            }
        }
        return of((row, column) -> rows[row].charAt(column) == '#');
    }

    /** Whether pixel (row, column) is on. */
    public boolean isOn(int row, int column) {
        return isOn(Canvas.index(row, column));
    }

    /** Whether the pixel at a row-major index is on. */
    public boolean isOn(int index) {
        return (words[index >>> 6] >>> (index & 63) & 1L) != 0;
    }

    /** Number of pixels that are on. */
    public int onCount() {
        return onCount;
    }

    /** Squared Euclidean distance to another binary image: the number of pixels that differ. */
    public int squaredDistance(BinaryImage other) {
        int count = 0;
        for (int i = 0; i < WORDS; i++) {
            count += Long.bitCount(words[i] ^ other.words[i]);
        }
        return count;
    }

    /** Writes the image as 784 values of 0.0 or 1.0 into {@code target} from {@code offset}. */
    public void copyTo(float[] target, int offset) {
        for (int i = 0; i < Canvas.PIXELS; i++) {
            target[offset + i] = isOn(i) ? 1f : 0f;
        }
    }

    /** The image as 784 values of 0.0 or 1.0, row-major. */
    public float[] toFloats() {
        float[] pixels = new float[Canvas.PIXELS];
        copyTo(pixels, 0);
        return pixels;
    }

    /** Row-major indices of the pixels that are on, ascending. */
    public int[] onIndices() {
        int[] indices = new int[onCount];
        int n = 0;
        for (int i = 0; i < Canvas.PIXELS; i++) {
            if (isOn(i)) {
                indices[n++] = i;
            }
        }
        return indices;
    }

    /** The image as text rows of '#' and '.', the inverse of {@link #parse}. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < Canvas.SIDE; row++) {
            for (int column = 0; column < Canvas.SIDE; column++) {
                text.append(isOn(row, column) ? '#' : '.');
            }
            text.append('\n');
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryImage other && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "BinaryImage[" + onCount + " on]";
    }
}
