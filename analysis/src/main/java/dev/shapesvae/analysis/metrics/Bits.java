package dev.shapesvae.analysis.metrics;

/** Base-2 logarithms and entropies: every information figure of the study is in bits. */
final class Bits {
    private static final double LN2 = Math.log(2);

    private Bits() {
    }

    static double log2(double x) {
        return Math.log(x) / LN2;
    }

    static double fromNats(double nats) {
        return nats / LN2;
    }

    /** Entropy in bits of a distribution given by counts (zero counts contribute nothing). */
    static double entropy(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double q = (double) c / total;
                h -= q * log2(q);
            }
        }
        return h;
    }
}
