package dev.shapesvae.analysis.metrics;

import java.util.Arrays;

/**
 * The SAP score (Kumar et al. 2018, as disentanglement_lib computes it for discrete factors): a
 * linear SVM ({@link LinearSvm}) learns each factor from each code dimension alone; the score of
 * dimension i for factor j is its accuracy on held-out examples. Per factor, the gap between the
 * best and the second-best dimension; SAP is the mean gap over factors. Near 0: no dimension
 * predicts a factor much better than the next; large: each factor has one dimension of its own.
 *
 * @param perFactor the top-two gap of each factor
 * @param accuracy [dimension][factor]: held-out accuracy of the SVM on that dimension alone
 */
public record SeparatedAttributePredictability(double score, double[] perFactor, double[][] accuracy) {

    /** Trains on {@code train} and scores on {@code test}, one SVM per dimension and factor. */
    public static SeparatedAttributePredictability of(LabelledCodes train, LabelledCodes test) {
        if (train.dimensions() != test.dimensions() || train.factors().size() != test.factors().size()) {
            throw new IllegalArgumentException("training and test codes differ in dimensions or factors");
        }
        double[][] accuracy = new double[train.dimensions()][train.factors().size()];
        for (int i = 0; i < train.dimensions(); i++) {
            double[] trainDimension = train.dimension(i);
            double[] testDimension = test.dimension(i);
            for (int j = 0; j < train.factors().size(); j++) {
                accuracy[i][j] = LinearSvm.fit(trainDimension, train.factors().get(j)).accuracy(testDimension, test.factors().get(j));
            }
        }
        return ofScores(accuracy);
    }

    /** SAP of a score matrix [dimension][factor]: the mean over factors of the largest score minus the second largest. */
    public static SeparatedAttributePredictability ofScores(double[][] scores) {
        if (scores.length < 2) {
            throw new IllegalArgumentException("SAP needs at least 2 code dimensions, got " + scores.length);
        }
        int factors = scores[0].length;
        for (double[] row : scores) {
            if (row.length != factors || factors == 0) {
                throw new IllegalArgumentException("every code dimension needs a score for each of at least 1 factor, got rows of "
                        + row.length + " and " + factors);
            }
        }
        double[] gaps = new double[factors];
        for (int j = 0; j < factors; j++) {
            double[] column = new double[scores.length];
            for (int i = 0; i < scores.length; i++) {
                column[i] = scores[i][j];
            }
            Arrays.sort(column);
            gaps[j] = column[column.length - 1] - column[column.length - 2];
        }
        return new SeparatedAttributePredictability(Arrays.stream(gaps).average().orElse(0), gaps, scores);
    }
}
