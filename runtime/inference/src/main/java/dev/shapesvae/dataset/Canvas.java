package dev.shapesvae.dataset;

/** The 28 x 28 canvas every image of the toolchain lives on; pixel (r, c) is at index r * 28 + c. */
public final class Canvas {
    /** Rows and columns. */
    public static final int SIDE = 28;
    /** Pixels of one flattened image. */
    public static final int PIXELS = SIDE * SIDE;

    private Canvas() {
    }

    /** Row-major index of pixel (row, column). */
    public static int index(int row, int column) {
        return row * SIDE + column;
    }
}
