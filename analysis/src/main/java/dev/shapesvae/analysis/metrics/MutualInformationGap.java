package dev.shapesvae.analysis.metrics;

import dev.shapesvae.inference.FloatMatrix;
import java.util.Arrays;
import java.util.List;

/**
 * The Mutual Information Gap (Chen et al. 2018, as computed in disentanglement_lib): each latent
 * dimension is discretised into equal-width bins over its range; for each factor, the gap between
 * the two largest mutual informations with single dimensions is divided by the factor's entropy;
 * MIG is the mean over factors. 1 means every factor lives in one dimension alone; 0 means no
 * dimension stands out for any factor.
 */
public record MutualInformationGap(double mig, double[] perFactor, double[][] mutualInformation) {
    /** disentanglement_lib's default number of bins. */
    public static final int DEFAULT_BINS = 20;

    /**
     * @param factors one array of discrete factor values per factor, each as long as the latents
     */
    public static MutualInformationGap of(FloatMatrix latents, List<int[]> factors, int bins) {
        if (latents.columns() < 2) {
            throw new IllegalArgumentException("MIG needs at least 2 latent dimensions");
        }
        int l = latents.columns();
        int[][] codes = new int[l][];
        for (int d = 0; d < l; d++) {
            codes[d] = discretise(LatentCorrelations.column(latents, d), bins);
        }
        double[][] mi = new double[l][factors.size()];
        double[] perFactor = new double[factors.size()];
        for (int f = 0; f < factors.size(); f++) {
            int[] factor = factors.get(f);
            double entropy = Bits.entropy(histogram(factor));
            double[] column = new double[l];
            for (int d = 0; d < l; d++) {
                mi[d][f] = mutualInformation(codes[d], factor);
                column[d] = mi[d][f];
            }
            Arrays.sort(column);
            perFactor[f] = entropy == 0 ? 0 : (column[l - 1] - column[l - 2]) / entropy;
        }
        return new MutualInformationGap(Arrays.stream(perFactor).average().orElse(0), perFactor, mi);
    }

    /** Equal-width bins over [min, max]; the maximum falls in the last bin (as numpy.histogram does). */
    static int[] discretise(double[] values, int bins) {
        double min = Arrays.stream(values).min().orElse(0);
        double max = Arrays.stream(values).max().orElse(0);
        int[] codes = new int[values.length];
        if (max == min) {
            return codes;
        }
        double width = (max - min) / bins;
        for (int i = 0; i < values.length; i++) {
            codes[i] = Math.min(bins - 1, (int) ((values[i] - min) / width));
        }
        return codes;
    }

    /** Empirical mutual information of two discrete variables, in bits. */
    static double mutualInformation(int[] a, int[] b) {
        int n = a.length;
        int maxA = Arrays.stream(a).max().orElse(0) + 1;
        int minB = Arrays.stream(b).min().orElse(0);
        int maxB = Arrays.stream(b).max().orElse(0) - minB + 1;
        long[] joint = new long[maxA * maxB];
        long[] pa = new long[maxA];
        long[] pb = new long[maxB];
        for (int i = 0; i < n; i++) {
            int bi = b[i] - minB;
            joint[a[i] * maxB + bi]++;
            pa[a[i]]++;
            pb[bi]++;
        }
        double mi = 0;
        for (int x = 0; x < maxA; x++) {
            for (int y = 0; y < maxB; y++) {
                long c = joint[x * maxB + y];
                if (c > 0) {
                    mi += (double) c / n * Bits.log2((double) c * n / ((double) pa[x] * pb[y]));
                }
            }
        }
        return mi;
    }

    private static long[] histogram(int[] values) {
        int min = Arrays.stream(values).min().orElse(0);
        int max = Arrays.stream(values).max().orElse(0);
        long[] counts = new long[max - min + 1];
        for (int v : values) {
            counts[v - min]++;
        }
        return counts;
    }
}
