package dev.shapesvae.analysis.metrics;

import dev.shapesvae.inference.FloatMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A gradient-boosted tree classifier that follows scikit-learn's GradientBoostingClassifier with
 * its defaults, as disentanglement_lib's DCI uses it: 100 stages, learning rate 0.1, trees of
 * depth 3 ({@link RegressionTree}), log loss, no subsampling. It starts from the log of each
 * class's share; each stage fits one tree per class (one in all for two classes) to the residuals
 * y - p and sets each leaf to one Newton step, (K - 1) / K sum(y - p) / sum(p (1 - p)) over the
 * leaf's rows (without the (K - 1) / K for two classes). Feature importances are the trees'
 * impurity-based importances, averaged over the trees that split, normalised to sum to 1.
 *
 * <p>The order in which trees visit code dimensions is drawn from a fixed seed, so a fit is
 * reproducible.
 *
 * <p>No Java library on Maven Central with a permissive licence gives this (Smile is GPL, XGBoost
 * and LightGBM need native OpenMP libraries), so it is written here. Its trees search every cut
 * scikit-learn's exact search does ({@link RegressionTree}), however many distinct values a
 * dimension has; it differs from scikit-learn in its random numbers, which pick one of equally
 * good cuts (so importances differ a little, as they do between scikit-learn's random states).
 */
final class GradientBoostedTrees {
    static final int STAGES = 100;
    static final double LEARNING_RATE = 0.1;
    static final int MAX_DEPTH = 3;
    private static final long SEED = 0;

    private final int[] classes;
    private final double[] initial;
    private final List<RegressionTree> trees;
    private final List<double[]> leafValues;
    private final double[] importances;
    private final double trainingAccuracy;

    private GradientBoostedTrees(int[] classes, double[] initial, List<RegressionTree> trees, List<double[]> leafValues, double[] importances,
            double trainingAccuracy) {
        this.classes = classes;
        this.initial = initial;
        this.trees = trees;
        this.leafValues = leafValues;
        this.importances = importances;
        this.trainingAccuracy = trainingAccuracy;
    }

    /** Fits the classifier to predict {@code labels} (one per row) from the rows of {@code codes}. */
    static GradientBoostedTrees fit(FloatMatrix codes, int[] labels) {
        return fit(codes, labels, STAGES);
    }

    /** As {@link #fit(FloatMatrix, int[])} with another number of stages, to follow the first few by hand. */
    static GradientBoostedTrees fit(FloatMatrix codes, int[] labels, int stages) {
        if (labels.length != codes.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + codes.rows() + " codes");
        }
        int[] classes = Arrays.stream(labels).distinct().sorted().toArray();
        if (classes.length < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes in its training data, got " + classes.length);
        }
        int n = labels.length;
        int[] y = Arrays.stream(labels).map(label -> Arrays.binarySearch(classes, label)).toArray();
        int outputs = outputs(classes.length);
        double[] initial = initialScores(y, classes.length);
        double[] raw = new double[n * outputs];
        for (int i = 0; i < n; i++) {
            System.arraycopy(initial, 0, raw, i * outputs, outputs);
        }
        RegressionTree.SortedCodes sorted = RegressionTree.SortedCodes.of(codes);
        List<RegressionTree> trees = new ArrayList<>();
        List<double[]> leafValues = new ArrayList<>();
        double[] importanceSum = new double[codes.columns()];
        double newtonFactor = outputs == 1 ? 1 : (classes.length - 1.0) / classes.length;
        double[] residual = new double[n];
        double[] hessian = new double[n];
        RegressionTree.Grower grower = new RegressionTree.Grower(sorted, MAX_DEPTH, new SplittableRandom(SEED));
        for (int stage = 0; stage < stages; stage++) {
            double[] p = probabilities(raw, n, outputs);
            for (int k = 0; k < outputs; k++) {
                // The class this output scores: class 1 for two classes, class k otherwise.
                int scored = outputs == 1 ? 1 : k;
                for (int i = 0; i < n; i++) {
                    double pk = p[i * outputs + k];
                    residual[i] = (y[i] == scored ? 1 : 0) - pk;
                    hessian[i] = pk * (1 - pk);
                }
                RegressionTree.Grown grown = grower.grow(residual);
                RegressionTree tree = grown.tree();
                int[] leaf = grown.trainingLeaves();
                double[] values = newtonSteps(tree.leaves(), leaf, residual, hessian, newtonFactor);
                for (int i = 0; i < n; i++) {
                    raw[i * outputs + k] += LEARNING_RATE * values[leaf[i]];
                }
                trees.add(tree);
                leafValues.add(values);
                if (tree.hasSplit()) {
                    double[] importance = tree.importance();
                    for (int f = 0; f < importance.length; f++) {
                        importanceSum[f] += importance[f];
                    }
                }
            }
        }
        double total = Arrays.stream(importanceSum).sum();
        double[] importances = total == 0 ? importanceSum : Arrays.stream(importanceSum).map(v -> v / total).toArray();
        // The scores built up while fitting are the decision function on the training rows: no need to predict them again.
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += best(Arrays.copyOfRange(raw, i * outputs, (i + 1) * outputs)) == y[i] ? 1 : 0;
        }
        return new GradientBoostedTrees(classes, initial, List.copyOf(trees), List.copyOf(leafValues), importances, (double) right / n);
    }

    /** The share of the rows it was fitted on whose predicted class is their label. */
    double trainingAccuracy() {
        return trainingAccuracy;
    }

    /** The impurity-based importance of each code dimension, summing to 1 (all 0 if no tree ever split). */
    double[] featureImportances() {
        return importances.clone();
    }

    /** The most likely class of each row (the lowest of equally likely ones). */
    int[] predict(FloatMatrix codes) {
        int[] predicted = new int[codes.rows()];
        for (int row = 0; row < codes.rows(); row++) {
            predicted[row] = classes[best(scores(codes, row))];
        }
        return predicted;
    }

    /** The index of the most likely class given the scores: the first of equal ones. */
    private static int best(double[] score) {
        if (score.length == 1) {
            return score[0] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < score.length; k++) {
            best = score[k] > score[best] ? k : best;
        }
        return best;
    }

    /**
     * scikit-learn's decision function for one row: the log-odds of the second class for two
     * classes, else one score per class whose softmax is the predicted distribution.
     */
    double[] scores(FloatMatrix codes, int row) {
        double[] score = initial.clone();
        for (int t = 0; t < trees.size(); t++) {
            score[t % score.length] += LEARNING_RATE * leafValues.get(t)[trees.get(t).leaf(codes, row)];
        }
        return score;
    }

    /** The share of rows whose predicted class is their label. */
    double accuracy(FloatMatrix codes, int[] labels) {
        int[] predicted = predict(codes);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    /** One score for two classes (the log-odds of class 1), one per class otherwise. */
    private static int outputs(int classCount) {
        return classCount == 2 ? 1 : classCount;
    }

    /**
     * scikit-learn's prior start: the log-odds of class 1, or the log of each class's share less
     * their mean (the softmax of which is the shares).
     */
    private static double[] initialScores(int[] y, int classCount) {
        double[] share = new double[classCount];
        for (int label : y) {
            share[label] += 1.0 / y.length;
        }
        if (classCount == 2) {
            return new double[] {Math.log(share[1] / share[0])};
        }
        double meanLog = Arrays.stream(share).map(Math::log).average().orElseThrow();
        return Arrays.stream(share).map(s -> Math.log(s) - meanLog).toArray();
    }

    /** The probability of each output's class: the logistic of the score, or the softmax over classes. */
    private static double[] probabilities(double[] raw, int n, int outputs) {
        double[] p = new double[raw.length];
        for (int i = 0; i < n; i++) {
            if (outputs == 1) {
                p[i] = 1 / (1 + Math.exp(-raw[i]));
                continue;
            }
            int offset = i * outputs;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < outputs; k++) {
                max = Math.max(max, raw[offset + k]);
            }
            double sum = 0;
            for (int k = 0; k < outputs; k++) {
                p[offset + k] = Math.exp(raw[offset + k] - max);
                sum += p[offset + k];
            }
            for (int k = 0; k < outputs; k++) {
                p[offset + k] /= sum;
            }
        }
        return p;
    }

    /** Each leaf's value: one Newton step of the log loss over the leaf's rows, 0 where the hessian vanishes. */
    private static double[] newtonSteps(int leaves, int[] leaf, double[] residual, double[] hessian, double factor) {
        double[] numerator = new double[leaves];
        double[] denominator = new double[leaves];
        for (int i = 0; i < leaf.length; i++) {
            numerator[leaf[i]] += residual[i];
            denominator[leaf[i]] += hessian[i];
        }
        double[] values = new double[leaves];
        for (int l = 0; l < values.length; l++) {
            values[l] = Math.abs(denominator[l]) < 1e-150 ? 0 : factor * numerator[l] / denominator[l];
        }
        return values;
    }
}
