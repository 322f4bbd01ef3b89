package dev.shapesvae.analysis.metrics;

import dev.shapesvae.inference.FloatMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A regression tree grown the way scikit-learn's DecisionTreeRegressor grows one inside gradient
 * boosting (squared error, the best split of every feature, a depth limit, at least one example a
 * leaf, no pruning): depth first, each node split where the squared error of its targets falls
 * most, halfway between the two closest code values on either side of the cut, until the depth
 * limit or a node whose targets are all equal. As in scikit-learn, each node visits the code
 * dimensions in a random order and keeps the first of equally good cuts, so that dimensions that
 * cut a node's rows alike share the importance rather than the lowest one taking it all. The tree
 * only partitions the codes: it gives each example a leaf, and the booster decides what a leaf
 * predicts.
 *
 * <p>The search is scikit-learn's exact one ({@code splitter="best"}), whatever the number of
 * distinct values: a node's cuts lie halfway between consecutive values of its own rows that are
 * more than scikit-learn's FEATURE_THRESHOLD (1e-7) apart. The rows are {@link SortedCodes sorted}
 * by each dimension once per fit; a split keeps each dimension's order within both children.
 */
final class RegressionTree {
    /** scikit-learn's EPSILON: a node whose impurity is within rounding of 0 is a leaf. */
    private static final double EPSILON = Math.ulp(1.0);
    /** scikit-learn's FEATURE_THRESHOLD: values closer than this are never cut apart. */
    private static final double FEATURE_THRESHOLD = 1e-7;

    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final int[] leafOfNode;
    private final int leaves;
    private final double[] importance;

    private RegressionTree(Grower g, double[] importance) {
        this.feature = Arrays.copyOf(g.feature, g.nodes);
        this.threshold = Arrays.copyOf(g.threshold, g.nodes);
        this.left = Arrays.copyOf(g.left, g.nodes);
        this.right = Arrays.copyOf(g.right, g.nodes);
        this.leafOfNode = Arrays.copyOf(g.leafOfNode, g.nodes);
        this.leaves = g.leaves;
        this.importance = importance;
    }

    /**
     * A grown tree and the leaf of each row it was grown on, which the booster needs once, to set
     * the leaves' values, and the tree need not keep.
     */
    record Grown(RegressionTree tree, int[] trainingLeaves) {
    }

    /** The number of leaves, numbered 0 .. leaves - 1. */
    int leaves() {
        return leaves;
    }

    /** Whether the tree has a split at all (scikit-learn leaves single-node trees out of the importances). */
    boolean hasSplit() {
        return feature.length > 1;
    }

    /**
     * Per code dimension, the squared error removed by the splits on it, over the number of rows:
     * scikit-learn's {@code compute_feature_importances(normalize=False)}.
     */
    double[] importance() {
        return importance.clone();
    }

    /** The leaf that row {@code row} of {@code codes} falls in (a value at the threshold goes left). */
    int leaf(FloatMatrix codes, int row) {
        int node = 0;
        int offset = row * codes.columns();
        while (feature[node] >= 0) {
            node = codes.data()[offset + feature[node]] <= threshold[node] ? left[node] : right[node];
        }
        return leafOfNode[node];
    }

    /**
     * Grows trees of one depth on one set of sorted codes, one after another, reusing its buffers.
     * Each dimension keeps an array of the rows in which every node's rows are a segment, sorted by
     * the dimension's value: a node finds its best cut on a dimension in one pass over its
     * segment, and a split moves each segment's left rows before its right ones without changing
     * their order, so the children's segments are sorted too.
     */
    static final class Grower {
        private final SortedCodes codes;
        private final int maxDepth;
        private final SplittableRandom random;
        private final int[] order;
        /** [dimension][position]: the rows, each node's a segment sorted by the dimension's value. */
        private final int[][] sorted;
        private final boolean[] goesLeft;
        private final int[] rightRows;
        private final int[] feature;
        private final double[] threshold;
        private final int[] left;
        private final int[] right;
        private final int[] leafOfNode;
        private double[] target;
        private double[] importance;
        private int[] leafOfRow;
        private int nodes;
        private int leaves;

        Grower(SortedCodes codes, int maxDepth, SplittableRandom random) {
            if (maxDepth < 1 || maxDepth > 8) {
                throw new IllegalArgumentException("tree depth must be between 1 and 8, got " + maxDepth);
            }
            this.codes = codes;
            this.maxDepth = maxDepth;
            this.random = random;
            this.order = IntStream.range(0, codes.dimensions()).toArray();
            this.sorted = new int[codes.dimensions()][codes.rows()];
            this.goesLeft = new boolean[codes.rows()];
            this.rightRows = new int[codes.rows()];
            int capacity = (1 << (maxDepth + 1)) - 1;
            feature = new int[capacity];
            threshold = new double[capacity];
            left = new int[capacity];
            right = new int[capacity];
            leafOfNode = new int[capacity];
        }

        /** A tree that fits {@code target}, one value per row of the codes. */
        Grown grow(double[] target) {
            if (target.length != codes.rows()) {
                throw new IllegalArgumentException(target.length + " targets for " + codes.rows() + " codes");
            }
            this.target = target;
            this.importance = new double[codes.dimensions()];
            this.leafOfRow = new int[codes.rows()];
            nodes = 0;
            leaves = 0;
            for (int d = 0; d < sorted.length; d++) {
                System.arraycopy(codes.order()[d], 0, sorted[d], 0, codes.rows());
            }
            node(0, codes.rows(), 0, sorted[0]);
            return new Grown(new RegressionTree(this, importance), leafOfRow);
        }

        /**
         * Grows the node whose rows are {@code rows[start, end)} and returns its squared error (sum
         * over its rows). Below the depth limit, every dimension's segment [start, end) holds the
         * same rows, sorted.
         */
        private double node(int start, int end, int depth, int[] rows) {
            int id = nodes++;
            int count = end - start;
            double sum = 0;
            double sumOfSquares = 0;
            for (int j = start; j < end; j++) {
                double t = target[rows[j]];
                sum += t;
                sumOfSquares += t * t;
            }
            double squaredError = sumOfSquares - sum * sum / count;
            Split split = depth >= maxDepth || count < 2 || squaredError / count <= EPSILON ? null : bestSplit(start, end, sum);
            if (split == null) {
                feature[id] = -1;
                leafOfNode[id] = leaves;
                for (int j = start; j < end; j++) {
                    leafOfRow[rows[j]] = leaves;
                }
                leaves++;
                return squaredError;
            }
            int middle = start + split.leftRows;
            feature[id] = split.feature;
            threshold[id] = split.threshold;
            leafOfNode[id] = -1;
            // Children at the depth limit are leaves: the split dimension's segment already lists their rows.
            int[] childRows = sorted[split.feature];
            if (depth + 1 < maxDepth) {
                partition(start, end, middle, split.feature);
            }
            left[id] = nodes;
            double leftError = node(start, middle, depth + 1, childRows);
            right[id] = nodes;
            double rightError = node(middle, end, depth + 1, childRows);
            importance[split.feature] += (squaredError - leftError - rightError) / target.length;
            return squaredError;
        }

        /**
         * The cut that maximises scikit-learn's proxy for the fall in squared error,
         * sum_left^2 / n_left + sum_right^2 / n_right; of equal ones, the first in the node's order
         * of dimensions, then the lowest. Null when every dimension is constant over the node.
         */
        private Split bestSplit(int start, int end, double total) {
            int count = end - start;
            double best = Double.NEGATIVE_INFINITY;
            Split split = null;
            shuffleOrder();
            for (int f : order) {
                int[] rows = sorted[f];
                float[] values = codes.values()[f];
                double sumLeft = 0;
                float previous = values[rows[start]];
                for (int j = start + 1; j < end; j++) {
                    sumLeft += target[rows[j - 1]];
                    float value = values[rows[j]];
                    if (value > previous + FEATURE_THRESHOLD) {
                        int countLeft = j - start;
                        double sumRight = total - sumLeft;
                        double proxy = sumLeft * sumLeft / countLeft + sumRight * sumRight / (count - countLeft);
                        if (proxy > best) {
                            best = proxy;
                            split = new Split(f, countLeft, previous / 2.0 + value / 2.0);
                        }
                    }
                    previous = value;
                }
            }
            return split;
        }

        /** A fresh random order of the dimensions (Fisher-Yates). */
        private void shuffleOrder() {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }

        /**
         * Moves, in every dimension's segment [start, end), the rows that go left (the first
         * {@code middle - start} of the split dimension's) before those that go right, each side
         * in the order it had.
         */
        private void partition(int start, int end, int middle, int splitFeature) {
            int[] split = sorted[splitFeature];
            for (int j = start; j < end; j++) {
                goesLeft[split[j]] = j < middle;
            }
            for (int d = 0; d < sorted.length; d++) {
                if (d == splitFeature) {
                    continue;
                }
                int[] rows = sorted[d];
                int nextLeft = start;
                int rights = 0;
                for (int j = start; j < end; j++) {
                    int row = rows[j];
                    if (goesLeft[row]) {
                        rows[nextLeft++] = row;
                    } else {
                        rightRows[rights++] = row;
                    }
                }
                System.arraycopy(rightRows, 0, rows, nextLeft, rights);
            }
        }
    }

    /** A cut: the first {@code leftRows} of the node's rows in dimension {@code feature}'s order go left. */
    private record Split(int feature, int leftRows, double threshold) {
    }

    /**
     * Codes sorted once for every tree of a fit: each dimension's values, and the rows in
     * ascending order of them (ties in row order).
     *
     * @param values [dimension][row]
     * @param order [dimension][position]: the rows sorted by the dimension's value
     */
    record SortedCodes(int rows, float[][] values, int[][] order) {
        static SortedCodes of(FloatMatrix codes) {
            int n = codes.rows();
            int dims = codes.columns();
            float[][] values = new float[dims][n];
            int[][] order = new int[dims][];
            for (int d = 0; d < dims; d++) {
                float[] column = values[d];
                for (int i = 0; i < n; i++) {
                    column[i] = codes.data()[i * dims + d];
                }
                order[d] = IntStream.range(0, n).boxed().sorted((a, b) -> Float.compare(column[a], column[b])).mapToInt(Integer::intValue)
                        .toArray();
            }
            return new SortedCodes(n, values, order);
        }

        int dimensions() {
            return values.length;
        }
    }
}
