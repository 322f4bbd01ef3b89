package dev.shapesvae.dataset;

/**
 * The three shapes of the dataset and their drawing rules (SPEC section 1). Sizes run 7..14; each
 * shape is anchored at (x, y) = (column, row) and has its own range of valid anchors.
 */
public enum Shape {
    /** Top-left corner (x, y), side s. At x or y = 29 - s it runs one pixel off the canvas and is clipped. */
    SQUARE {
        @Override
        public IntRange xRange(int size) {
            return new IntRange(0, 29 - size);
        }

        @Override
        public IntRange yRange(int size) {
            return xRange(size);
        }

        @Override
        public boolean covers(int size, int x, int y, int row, int column) {
            return x <= column && column < x + size && y <= row && row < y + size;
        }
    },
    /**
     * Centre (x, y), diameter s. A pixel is on when 9 or more of its 16 subsamples at offsets
     * {-1/2, -1/6, 1/6, 1/2} lie within s/2 of the centre. The test runs in sixths so that it is
     * exact integer arithmetic: (6 dc + a)^2 + (6 dr + b)^2 <= (3 s)^2 with a, b in {-3, -1, 1, 3}.
     */
    CIRCLE {
        private static final int[] OFFSETS_IN_SIXTHS = {-3, -1, 1, 3};
        private static final int MIN_INSIDE = 9;

        @Override
        public IntRange xRange(int size) {
            return new IntRange(size / 2, 28 - (size + 1) / 2);
        }

        @Override
        public IntRange yRange(int size) {
            return xRange(size);
        }

        @Override
        public boolean covers(int size, int x, int y, int row, int column) {
            long radiusSquared = 9L * size * size;
            int inside = 0;
            for (int a : OFFSETS_IN_SIXTHS) {
                long dx = 6L * (column - x) + a;
                for (int b : OFFSETS_IN_SIXTHS) {
                    long dy = 6L * (row - y) + b;
                    if (dx * dx + dy * dy <= radiusSquared) {
                        inside++;
                    }
                }
            }
            return inside >= MIN_INSIDE;
        }
    },
    /** Apex (x, y), height h = floor(5 s / 6), widening by one pixel each side per row. */
    TRIANGLE {
        @Override
        public IntRange xRange(int size) {
            int h = triangleHeight(size);
            return new IntRange(h, 28 - h);
        }

        @Override
        public IntRange yRange(int size) {
            return new IntRange(0, 28 - triangleHeight(size));
        }

        @Override
        public boolean covers(int size, int x, int y, int row, int column) {
            int h = triangleHeight(size);
            return y <= row && row < y + h && Math.abs(column - x) <= row - y;
        }
    };

    /** Smallest size of every shape. */
    public static final int MIN_SIZE = 7;
    /** Largest size of every shape. */
    public static final int MAX_SIZE = 14;

    /** Valid anchor columns for this size. */
    public abstract IntRange xRange(int size);

    /** Valid anchor rows for this size. */
    public abstract IntRange yRange(int size);

    /** Whether the shape of this size anchored at (x, y) turns pixel (row, column) on. */
    public abstract boolean covers(int size, int x, int y, int row, int column);

    /** Draws the shape on the canvas; pixels off the canvas are clipped. */
    public BinaryImage draw(int size, int x, int y) {
        return BinaryImage.of((row, column) -> covers(size, x, y, row, column));
    }

    /** Height of a triangle of size s: floor(5 s / 6). Sizes 12 and 13 share height 10. */
    public static int triangleHeight(int size) {
        return 5 * size / 6;
    }

    /** Lower-case name, as used in files and JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
