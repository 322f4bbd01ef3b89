package dev.shapesvae.analysis.metrics;

/**
 * How generated images spread over the dataset: each is assigned to its nearest valid image (no
 * threshold), giving an empirical distribution q to compare with the uniform p (SPEC section 5).
 */
public final class SampleDistribution {
    private final long[] counts;
    private final long total;

    /**
     * @param nearest the index of the nearest image for each generated image
     * @param size the number of images q is over
     */
    public SampleDistribution(int[] nearest, int size) {
        if (nearest.length == 0) {
            throw new IllegalArgumentException("no generated images");
        }
        counts = new long[size];
        for (int index : nearest) {
            counts[index]++;
        }
        total = nearest.length;
    }

    /**
     * The report's form: sum over images e of p log2(p / (q(e) + 1e-10)) with p = 1 / size. Images
     * never hit contribute p log2(p / 1e-10), so this mostly counts misses.
     */
    public double reportKl() {
        double p = 1.0 / counts.length;
        double d = 0;
        for (long c : counts) {
            d += p * Bits.log2(p / ((double) c / total + 1e-10));
        }
        return d;
    }

    /** D_KL(q, p) = log2(size) - H(q), in bits: finite, and 0 exactly when q is uniform. */
    public double klFromUniform() {
        return Bits.log2(counts.length) - entropy();
    }

    /** Jensen-Shannon divergence of q and the uniform p, in bits (between 0 and 1). */
    public double jensenShannon() {
        int n = counts.length;
        double p = 1.0 / n;
        double mixtureEntropy = 0;
        for (long c : counts) {
            double m = 0.5 * (p + (double) c / total);
            mixtureEntropy -= m * Bits.log2(m);
        }
        return mixtureEntropy - 0.5 * (Bits.log2(n) + entropy());
    }

    /** H(q) in bits. */
    public double entropy() {
        return Bits.entropy(counts);
    }

    /** Number of images hit at least once. */
    public int support() {
        int s = 0;
        for (long c : counts) {
            if (c > 0) {
                s++;
            }
        }
        return s;
    }
}
