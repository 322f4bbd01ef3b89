package dev.shapesvae.analysis.report;

import dev.shapesvae.analysis.metrics.Estimate;
import java.util.Locale;

/** How the report's tables write a number in a cell, the same way in every table. */
final class Cells {
    private Cells() {
    }

    /** Values to two decimals, separated by spaces: one per latent dimension. */
    static String perDimension(double[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", values[i]));
        }
        return text.toString();
    }

    /** The mean to {@code decimals} places, with the interval's half-width when there are several seeds. */
    static String estimate(Estimate e, int decimals) {
        String f = "%." + decimals + "f";
        if (e.values().length == 1) {
            return String.format(Locale.ROOT, f, e.mean());
        }
        return String.format(Locale.ROOT, f + " ± " + f, e.mean(), e.halfWidth());
    }

    /** A share as a percentage with its interval: 40.9 ± 1.2 %. */
    static String percent(Estimate e) {
        return points(e) + " %";
    }

    /**
     * A share in percentage points, with its interval: 40.9 ± 1.2; when both are below one point, to
     * three decimals (0.014 ± 0.000), so that a model that covers a handful of images does not read as 0.
     */
    static String points(Estimate e) {
        double mean = 100 * e.mean();
        boolean small = mean != 0 && Math.abs(mean) < 1 && (e.values().length == 1 || 100 * e.halfWidth() < 1);
        String f = small ? "%.3f" : "%.1f";
        if (e.values().length == 1) {
            return String.format(Locale.ROOT, f, mean);
        }
        return String.format(Locale.ROOT, f + " ± " + f, mean, 100 * e.halfWidth());
    }

    static String fourDecimals(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** A share of the limit as a percentage; "-" where the limit's figure is 0 and the share undefined. */
    static String share(double ofLimit) {
        return Double.isNaN(ofLimit) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * ofLimit);
    }

    /** Bits above the limit, signed. */
    static String bits(double aboveLimit) {
        return String.format(Locale.ROOT, "%+.4f", aboveLimit);
    }
}
