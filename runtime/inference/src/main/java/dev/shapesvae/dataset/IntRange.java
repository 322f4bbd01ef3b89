package dev.shapesvae.dataset;

/** An inclusive range of integers, {@code min..max}. */
public record IntRange(int min, int max) {
    public IntRange {
        if (max < min) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
    }

    /** Number of integers in the range. */
    public int count() {
        return max - min + 1;
    }
}
