package dev.shapesvae.dataset;

/**
 * One entry of the enumeration: its position in canonical order, its features and its image, and
 * the index of its image among the distinct images.
 */
public record ShapeEntry(int index, Shape shape, int size, int x, int y, BinaryImage image, int distinctIndex) {

    /** Whether part of the shape falls off the canvas (only squares at x or y = 29 - size do). */
    public boolean isClipped() {
        return shape == Shape.SQUARE && (x + size > Canvas.SIDE || y + size > Canvas.SIDE);
    }

    /** A short human-readable description, for example {@code circle s=9 x=4 y=20}. */
    public String describe() {
        return shape.label() + " s=" + size + " x=" + x + " y=" + y;
    }
}
