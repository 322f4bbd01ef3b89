package dev.shapesvae.analysis.metrics;

import dev.shapesvae.inference.FloatMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A regression tree grown the way scikit-learn's DecisionTreeRegressor grows one inside gradient
 * boosting (squared error, the best split of every feature, a depth limit, at least one example a
 * leaf, no pruning): depth first, each node split where the squared error of its targets falls
 * most, halfway between the two closest code values on either side of the cut, until the depth
 * limit or a node whose targets are all equal. As in scikit-learn, each node visits the code
 * dimensions in a random order and keeps the first of equally good cuts, so that dimensions that
 * cut a node's rows alike share the importance rather than the lowest one taking it all. The tree only partitions the codes: it gives each
 * example a leaf, and the booster decides what a leaf predicts.
 *
 * <p>Splits are searched over the codes {@link Binned binned} once per fit: a dimension with at
 * most {@code maxBins} distinct values gets one bin per value, which searches exactly the splits
 * scikit-learn searches; one with more gets equal-count bins, which searches fewer.
 */
final class RegressionTree {
    /** scikit-learn's EPSILON: a node whose impurity is within rounding of 0 is a leaf. */
    private static final double EPSILON = Math.ulp(1.0);

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

    /**
     * Grows a tree that fits {@code target} (one value per row of the binned codes), visiting the
     * dimensions of each node in an order drawn from {@code random}.
     */
    static Grown grow(Binned codes, double[] target, int maxDepth, SplittableRandom random) {
        return new Grower(codes, maxDepth, random).grow(target);
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
     * Grows trees of one depth on one set of binned codes, one after another, reusing its buffers.
     * Each node that may split gets the histogram of its targets over every dimension's bins; a
     * split computes the histogram of the smaller child and takes the larger's as the parent's
     * less the smaller's, which halves the work of the lower levels.
     */
    static final class Grower {
        private final Binned codes;
        private final int maxDepth;
        private final SplittableRandom random;
        private final int[] order;
        private final int[] rows;
        private final int[] feature;
        private final double[] threshold;
        private final int[] left;
        private final int[] right;
        private final int[] leafOfNode;
        /** [depth][dimension x MAX_BINS + bin]: sums and counts of the targets of the node being grown at each depth. */
        private final double[][] binSums;
        private final int[][] binCounts;
        private double[] target;
        private double[] importance;
        private int[] leafOfRow;
        private int nodes;
        private int leaves;

        Grower(Binned codes, int maxDepth, SplittableRandom random) {
            if (maxDepth < 1 || maxDepth > 8) {
                throw new IllegalArgumentException("tree depth must be between 1 and 8, got " + maxDepth);
            }
            this.codes = codes;
            this.maxDepth = maxDepth;
            this.random = random;
            this.order = new int[codes.dimensions()];
            for (int f = 0; f < order.length; f++) {
                order[f] = f;
            }
            this.rows = new int[codes.rows()];
            int capacity = (1 << (maxDepth + 1)) - 1;
            feature = new int[capacity];
            threshold = new double[capacity];
            left = new int[capacity];
            right = new int[capacity];
            leafOfNode = new int[capacity];
            binSums = new double[maxDepth][codes.dimensions() * Binned.MAX_BINS];
            binCounts = new int[maxDepth][codes.dimensions() * Binned.MAX_BINS];
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
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            histogram(0, rows.length, 0);
            node(0, rows.length, 0);
            return new Grown(new RegressionTree(this, importance), leafOfRow);
        }

        /**
         * Grows the node of rows[start, end) and returns its squared error (sum over its rows).
         * Below the depth limit, its histogram is already in the buffers of its depth.
         */
        private double node(int start, int end, int depth) {
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
            Split split = depth >= maxDepth || count < 2 || squaredError / count <= EPSILON ? null : bestSplit(depth, count, sum);
            if (split == null) {
                feature[id] = -1;
                leafOfNode[id] = leaves;
                for (int j = start; j < end; j++) {
                    leafOfRow[rows[j]] = leaves;
                }
                leaves++;
                return squaredError;
            }
            int middle = partition(start, end, split);
            feature[id] = split.feature;
            threshold[id] = split.threshold;
            leafOfNode[id] = -1;
            boolean childrenSplit = depth + 1 < maxDepth;
            if (childrenSplit) {
                if (middle - start <= end - middle) {
                    histogram(start, middle, depth + 1);
                } else {
                    histogram(middle, end, depth + 1);
                    subtractFromParent(depth + 1);
                }
            }
            left[id] = nodes;
            double leftError = node(start, middle, depth + 1);
            if (childrenSplit) {
                // The left child's histogram is still in its depth's buffers: the right one's is the rest of the parent's.
                subtractFromParent(depth + 1);
            }
            right[id] = nodes;
            double rightError = node(middle, end, depth + 1);
            importance[split.feature] += (squaredError - leftError - rightError) / target.length;
            return squaredError;
        }

        /** The histogram of rows[start, end) over every dimension's bins, into the buffers of {@code depth}. */
        private void histogram(int start, int end, int depth) {
            double[] sums = binSums[depth];
            int[] counts = binCounts[depth];
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int f = 0; f < codes.dimensions(); f++) {
                byte[] bins = codes.bins()[f];
                int offset = f * Binned.MAX_BINS;
                for (int j = start; j < end; j++) {
                    int row = rows[j];
                    int b = offset + (bins[row] & 0xFF);
                    sums[b] += target[row];
                    counts[b]++;
                }
            }
        }

        /** Replaces the histogram of {@code depth} with its parent's less it. */
        private void subtractFromParent(int depth) {
            double[] sums = binSums[depth];
            int[] counts = binCounts[depth];
            double[] parentSums = binSums[depth - 1];
            int[] parentCounts = binCounts[depth - 1];
            for (int b = 0; b < sums.length; b++) {
                sums[b] = parentSums[b] - sums[b];
                counts[b] = parentCounts[b] - counts[b];
            }
        }

        /**
         * The cut that maximises scikit-learn's proxy for the fall in squared error,
         * sum_left^2 / n_left + sum_right^2 / n_right; of equal ones, the first in the node's order
         * of dimensions, then the lowest. Null when every dimension is constant over the node.
         */
        private Split bestSplit(int depth, int count, double total) {
            double[] sums = binSums[depth];
            int[] counts = binCounts[depth];
            double best = Double.NEGATIVE_INFINITY;
            Split split = null;
            shuffleOrder();
            for (int f : order) {
                int offset = f * Binned.MAX_BINS;
                int binCount = codes.low()[f].length;
                double sumLeft = 0;
                int countLeft = 0;
                int previous = -1;
                for (int b = 0; b < binCount; b++) {
                    if (counts[offset + b] == 0) {
                        continue;
                    }
                    if (previous >= 0) {
                        double sumRight = total - sumLeft;
                        double proxy = sumLeft * sumLeft / countLeft + sumRight * sumRight / (count - countLeft);
                        if (proxy > best) {
                            best = proxy;
                            split = new Split(f, previous, codes.high()[f][previous] / 2.0 + codes.low()[f][b] / 2.0);
                        }
                    }
                    sumLeft += sums[offset + b];
                    countLeft += counts[offset + b];
                    previous = b;
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

        /** Moves the rows whose bin is at most the split's last left bin to the front; returns where the right ones start. */
        private int partition(int start, int end, Split split) {
            byte[] bins = codes.bins()[split.feature];
            int i = start;
            int j = end - 1;
            while (i <= j) {
                if ((bins[rows[i]] & 0xFF) <= split.lastLeftBin) {
                    i++;
                } else {
                    int t = rows[i];
                    rows[i] = rows[j];
                    rows[j] = t;
                    j--;
                }
            }
            return i;
        }
    }

    private record Split(int feature, int lastLeftBin, double threshold) {
    }

    /**
     * Codes binned once for every tree of a fit, one byte per value: per dimension, bins in
     * ascending order with the lowest and highest code value that falls in each. Values closer
     * than scikit-learn's FEATURE_THRESHOLD (1e-7) to the one below them share its bin, as
     * scikit-learn never cuts between them.
     *
     * @param bins [dimension][row]: the bin of each value, read as an unsigned byte
     */
    record Binned(int rows, byte[][] bins, double[][] low, double[][] high) {
        static final int MAX_BINS = 256;
        private static final double FEATURE_THRESHOLD = 1e-7;

        static Binned of(FloatMatrix codes) {
            int n = codes.rows();
            int dims = codes.columns();
            byte[][] bins = new byte[dims][n];
            double[][] low = new double[dims][];
            double[][] high = new double[dims][];
            for (int d = 0; d < dims; d++) {
                double[] values = LatentCorrelations.column(codes, d);
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                double[][] edges = edges(sorted);
                low[d] = edges[0];
                high[d] = edges[1];
                for (int i = 0; i < n; i++) {
                    int b = Arrays.binarySearch(high[d], values[i]);
                    bins[d][i] = (byte) (b >= 0 ? b : -b - 1);
                }
            }
            return new Binned(n, bins, low, high);
        }

        int dimensions() {
            return bins.length;
        }

        /**
         * The lowest and highest value of each bin: groups of equal values, one bin each when there
         * are at most MAX_BINS of them, else merged into bins of about equal counts.
         */
        private static double[][] edges(double[] sorted) {
            int n = sorted.length;
            int groups = 1;
            for (int i = 1; i < n; i++) {
                groups += sorted[i] > sorted[i - 1] + FEATURE_THRESHOLD ? 1 : 0;
            }
            double[] low = new double[Math.min(groups, MAX_BINS)];
            double[] high = new double[low.length];
            int bin = 0;
            low[0] = sorted[0];
            for (int i = 1; i < n; i++) {
                boolean newGroup = sorted[i] > sorted[i - 1] + FEATURE_THRESHOLD;
                // With more groups than bins, a bin closes once it holds its share of the values.
                boolean full = groups <= MAX_BINS || (long) i * MAX_BINS >= (long) (bin + 1) * n;
                if (newGroup && full && bin < low.length - 1) {
                    high[bin] = sorted[i - 1];
                    bin++;
                    low[bin] = sorted[i];
                }
            }
            high[bin] = sorted[n - 1];
            return new double[][] {Arrays.copyOf(low, bin + 1), Arrays.copyOf(high, bin + 1)};
        }
    }
}
