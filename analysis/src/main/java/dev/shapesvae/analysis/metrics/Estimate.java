package dev.shapesvae.analysis.metrics;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A metric repeated over seeds: the values, their mean, and a 95 % confidence interval for the
 * mean from Student's t distribution (no interval from a single value).
 */
public record Estimate(double[] values, double mean, double low, double high) {

    public static Estimate of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        if (values.length == 1) {
            return new Estimate(values.clone(), mean, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (values.length - 1));
        double t = new TDistribution(values.length - 1).inverseCumulativeProbability(0.975);
        double half = t * sd / Math.sqrt(values.length);
        return new Estimate(values.clone(), mean, mean - half, mean + half);
    }

    /** Half the interval's width (NaN for a single value). */
    public double halfWidth() {
        return (high - low) / 2;
    }
}
