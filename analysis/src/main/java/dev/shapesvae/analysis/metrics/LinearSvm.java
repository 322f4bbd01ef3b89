package dev.shapesvae.analysis.metrics;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Arrays;

/**
 * scikit-learn's {@code LinearSVC(C=0.01, class_weight="balanced")} on a single feature, as SAP
 * uses it: liblinear's L2-regularised squared-hinge SVM, one class against the rest, with a bias
 * feature of 1 (regularised, as scikit-learn's intercept is), each class's C scaled by
 * n / (classes x the class's count), tolerance 1e-4. liblinear's Java port is the library
 * scikit-learn wraps. It solves the primal problem (liblinear's Newton method), as scikit-learn
 * 1.5 and later do by default when there are more examples than features; the dual coordinate
 * descent of the scikit-learn disentanglement_lib used reaches the same optimum (the same test
 * accuracies, coefficients equal to 1e-5, on the problem DisentanglementTest checks), about three
 * times slower on a paper-size code.
 */
final class LinearSvm {
    static final double C = 0.01;
    private static final double TOLERANCE = 1e-4;

    static {
        // liblinear prints its progress to standard output unless told not to.
        Linear.disableDebugOutput();
    }

    private final Model model;

    private LinearSvm(Model model) {
        this.model = model;
    }

    /** Learns to predict {@code labels} from {@code x}, one value each. */
    static LinearSvm fit(double[] x, int[] labels) {
        if (x.length != labels.length || x.length == 0) {
            throw new IllegalArgumentException(x.length + " values for " + labels.length + " labels");
        }
        int[] classes = Arrays.stream(labels).distinct().sorted().toArray();
        if (classes.length < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes in its training data, got " + classes.length);
        }
        Problem problem = new Problem();
        problem.l = x.length;
        problem.n = 2;
        problem.bias = 1;
        problem.x = new Feature[x.length][];
        problem.y = new double[x.length];
        int[] counts = new int[classes.length];
        for (int i = 0; i < x.length; i++) {
            problem.x[i] = features(x[i]);
            problem.y[i] = labels[i];
            counts[Arrays.binarySearch(classes, labels[i])]++;
        }
        Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC, C, TOLERANCE);
        double[] weights = new double[classes.length];
        for (int c = 0; c < classes.length; c++) {
            weights[c] = (double) x.length / (classes.length * counts[c]);
        }
        parameter.setWeights(weights, classes);
        return new LinearSvm(Linear.train(problem, parameter));
    }

    /** The share of {@code x} whose predicted class is its label. */
    double accuracy(double[] x, int[] labels) {
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            right += (int) Linear.predict(model, features(x[i])) == labels[i] ? 1 : 0;
        }
        return (double) right / x.length;
    }

    /** The value and the bias feature, 1. */
    private static Feature[] features(double value) {
        return new Feature[] {new FeatureNode(1, value), new FeatureNode(2, 1)};
    }
}
