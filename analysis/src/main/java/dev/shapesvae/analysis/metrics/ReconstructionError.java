package dev.shapesvae.analysis.metrics;

import dev.shapesvae.inference.FloatMatrix;

/**
 * Binary cross-entropy between images and the decoder's logits for their encodings, summed over
 * pixels, in bits per image (SPEC section 5).
 */
public final class ReconstructionError {
    private ReconstructionError() {
    }

    /** Per-image BCE in bits: sum over pixels of max(l, 0) - l x + log(1 + e^-|l|), divided by ln 2. */
    public static double[] perImageBits(FloatMatrix logits, FloatMatrix images) {
        if (logits.rows() != images.rows() || logits.columns() != images.columns()) {
            throw new IllegalArgumentException("logits and images differ in shape");
        }
        double[] bits = new double[images.rows()];
        float[] l = logits.data();
        float[] x = images.data();
        int w = images.columns();
        for (int i = 0; i < bits.length; i++) {
            double nats = 0;
            for (int p = i * w; p < (i + 1) * w; p++) {
                nats += Math.max(l[p], 0) - l[p] * x[p] + Math.log1p(Math.exp(-Math.abs(l[p])));
            }
            bits[i] = Bits.fromNats(nats);
        }
        return bits;
    }

    /** The mean of per-image values. */
    public static double mean(double[] perImage) {
        double sum = 0;
        for (double v : perImage) {
            sum += v;
        }
        return sum / perImage.length;
    }

    /**
     * The report's form: per-image values summed in consecutive batches of {@code batchSize} and
     * the batch sums averaged (8002 entries in batches of 100 make 81 batches, the last of 2), so
     * it is about {@code batchSize - 1} times the per-image mean.
     */
    public static double reportCompatible(double[] perImage, int batchSize) {
        int batches = (perImage.length + batchSize - 1) / batchSize;
        double sum = 0;
        for (double v : perImage) {
            sum += v;
        }
        return sum / batches;
    }
}
