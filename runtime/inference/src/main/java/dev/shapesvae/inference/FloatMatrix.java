package dev.shapesvae.inference;

import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.Canvas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A row-major float matrix: {@code rows} rows of {@code columns} values (images, latents, logits).
 *
 * @param rows how many rows
 * @param columns values a row
 * @param data the values, row after row; the matrix shares this array, it does not copy it
 */
public record FloatMatrix(int rows, int columns, float[] data) {
    /** Checks that {@code data} holds exactly {@code rows x columns} values. */
    public FloatMatrix {
        if (rows < 0 || columns <= 0 || data.length != (long) rows * columns) {
            throw new IllegalArgumentException("a " + rows + " x " + columns + " matrix needs " + (long) rows * columns
                    + " values, got " + data.length);
        }
    }

    /** Binary images as rows of 784 values of 0 or 1, one row an image, in order. */
    public static FloatMatrix ofImages(List<BinaryImage> images) {
        float[] pixels = new float[images.size() * Canvas.PIXELS];
        for (int i = 0; i < images.size(); i++) {
            images.get(i).copyTo(pixels, i * Canvas.PIXELS);
        }
        return new FloatMatrix(images.size(), Canvas.PIXELS, pixels);
    }

    /** Row {@code i} as a new array. */
    public float[] row(int i) {
        return Arrays.copyOfRange(data, i * columns, (i + 1) * columns);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as a new matrix. */
    public FloatMatrix rows(int from, int to) {
        return new FloatMatrix(to - from, columns, Arrays.copyOfRange(data, from * columns, to * columns));
    }

    /** Every row as a new array, in order. */
    public List<float[]> rowList() {
        List<float[]> list = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            list.add(row(i));
        }
        return list;
    }

    /** Stacks matrices of equal width. */
    public static FloatMatrix concat(java.util.List<FloatMatrix> parts, int columns) {
        int rows = parts.stream().mapToInt(FloatMatrix::rows).sum();
        float[] all = new float[rows * columns];
        int offset = 0;
        for (FloatMatrix part : parts) {
            System.arraycopy(part.data, 0, all, offset, part.data.length);
            offset += part.data.length;
        }
        return new FloatMatrix(rows, columns, all);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatMatrix m && rows == m.rows && columns == m.columns && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + columns) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatMatrix[" + rows + " x " + columns + "]";
    }
}
