package dev.shapesvae.inference;

import java.util.Locale;
import java.util.Objects;

/**
 * How closely one output of a model agrees between two runs on the same inputs (such as the CPU
 * and the CUDA provider): the largest difference, and the largest share of its allowance under a
 * {@link Tolerance} that any value used.
 *
 * @param output the output's name ({@code mean}, {@code probs}, ...)
 * @param values how many values were compared
 * @param maxDifference the largest {@code |candidate - reference|}; infinite when a value is NaN on one side only
 * @param worstShare the largest {@code |candidate - reference| / tolerance.allowance(reference)}: at most 1 when all agree
 */
public record OutputAgreement(String output, int values, double maxDifference, double worstShare) {
    /** Checks the name and that the counts and measures are not negative. */
    public OutputAgreement {
        Objects.requireNonNull(output, "output");
        if (values <= 0) {
            throw new IllegalArgumentException("an agreement needs compared values, got " + values);
        }
        if (!(maxDifference >= 0) || !(worstShare >= 0)) {
            throw new IllegalArgumentException("differences are >= 0, got " + maxDifference + " and share " + worstShare);
        }
    }

    /**
     * Compares {@code candidate} with {@code reference} value by value.
     *
     * @throws IllegalArgumentException when the matrices differ in shape
     */
    public static OutputAgreement of(String output, FloatMatrix reference, FloatMatrix candidate, Tolerance tolerance) {
        if (reference.rows() != candidate.rows() || reference.columns() != candidate.columns()) {
            throw new IllegalArgumentException(output + ": cannot compare a " + reference.rows() + " x " + reference.columns()
                    + " output with a " + candidate.rows() + " x " + candidate.columns() + " one");
        }
        double maxDifference = 0;
        double worstShare = 0;
        float[] a = reference.data();
        float[] b = candidate.data();
        for (int i = 0; i < a.length; i++) {
            double difference = difference(a[i], b[i]);
            maxDifference = Math.max(maxDifference, difference);
            // A finite difference has a finite reference, so its allowance is finite; 0 allows nothing.
            double share = difference == 0 ? 0 : Double.isInfinite(difference) ? Double.POSITIVE_INFINITY : difference / tolerance.allowance(a[i]);
            worstShare = Math.max(worstShare, share);
        }
        return new OutputAgreement(output, a.length, maxDifference, worstShare);
    }

    // Equal values (NaN and NaN included, the same infinities) differ by 0; a NaN against a number by infinity.
    private static double difference(float reference, float candidate) {
        if (Float.compare(reference, candidate) == 0 || reference == candidate) {
            return 0;
        }
        double difference = Math.abs((double) candidate - reference);
        return Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference;
    }

    /** Whether every value is within the tolerance. */
    public boolean agrees() {
        return worstShare <= 1;
    }

    /** One line: the output, its largest difference, the share of the tolerance it used. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: max |difference| %.3g over %d values, %.0f%% of the tolerance", output, maxDifference, values,
                100 * worstShare);
    }
}
