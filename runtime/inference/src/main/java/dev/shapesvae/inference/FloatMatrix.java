package dev.shapesvae.inference;

import java.util.Arrays;

/** A row-major float matrix: {@code rows} rows of {@code columns} values (images, latents, logits). */
public record FloatMatrix(int rows, int columns, float[] data) {
    public FloatMatrix {
        if (rows < 0 || columns <= 0 || data.length != (long) rows * columns) {
            throw new IllegalArgumentException("a " + rows + " x " + columns + " matrix needs " + (long) rows * columns
                    + " values, got " + data.length);
        }
    }

    /** Row {@code i} as a new array. */
    public float[] row(int i) {
        return Arrays.copyOfRange(data, i * columns, (i + 1) * columns);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as a new matrix. */
    public FloatMatrix rows(int from, int to) {
        return new FloatMatrix(to - from, columns, Arrays.copyOfRange(data, from * columns, to * columns));
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
