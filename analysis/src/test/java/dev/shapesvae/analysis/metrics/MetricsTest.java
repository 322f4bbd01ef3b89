package dev.shapesvae.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.NearestImages.Match;
import dev.shapesvae.inference.NearestImages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every metric against a case small enough to work out by hand. */
class MetricsTest {
    /** A 3-image "dataset": one pixel on at index 0, at index 1, and all off. */
    private static final BinaryImage A = BinaryImage.of((r, c) -> r == 0 && c == 0);
    private static final BinaryImage B = BinaryImage.of((r, c) -> r == 0 && c == 1);
    private static final BinaryImage EMPTY = BinaryImage.of((r, c) -> false);

    private static float[] image(float p0, float p1, float p2) {
        float[] x = new float[Canvas.PIXELS];
        x[0] = p0;
        x[1] = p1;
        x[2] = p2;
        return x;
    }

    private static FloatMatrix rows(float[]... images) {
        float[] all = new float[images.length * Canvas.PIXELS];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, all, i * Canvas.PIXELS, Canvas.PIXELS);
        }
        return new FloatMatrix(images.length, Canvas.PIXELS, all);
    }

    private static Match[] generated() {
        try (NearestImages search = new NearestImages(List.of(A, B, EMPTY))) {
            return search.nearest(rows(
                    image(1, 0, 0),        // exactly A: distance 0
                    image(0.9f, 0, 0.3f),  // near A: sqrt(0.01 + 0.09) = 0.316228
                    image(0, 0, 4),        // pixel 2 at 4: nearest EMPTY at distance 4
                    image(0, 0.5f, 0)));   // halfway between B and EMPTY: tie, the first (B) at 0.5
        }
    }

    @Test
    void nearestNeighbourDistanceIsTheMeanOfTheMinima() {
        Match[] m = generated();
        assertThat(m).extracting(Match::index).containsExactly(0, 0, 2, 1);
        assertThat(NearestNeighbourDistance.mean(m)).isCloseTo((0 + Math.sqrt(0.1) + 4 + 0.5) / 4, within(1e-6));
    }

    @Test
    void coverageCountsEachImageOnceWithinTheThreshold() {
        Match[] m = generated();
        // tau = 3: A (twice) and B are marked, EMPTY is too far (4): 2 of 3.
        assertThat(Coverage.distinct(m, 3, 3.0)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(Coverage.distinct(m, 3, 5.0)).isCloseTo(1.0, within(1e-12));
        assertThat(Coverage.distinct(m, 3, 0.1)).isCloseTo(1.0 / 3, within(1e-12));
        // The report divided by the number of entries, say 4 with one duplicate.
        assertThat(Coverage.reportCompatible(m, 3, 4, 3.0)).isCloseTo(2.0 / 4, within(1e-12));
    }

    @Test
    void coverageOfASubsetCountsOnlyItsOwnImages() {
        Match[] m = generated();
        // tau = 3 marks A and B. Training images {A, EMPTY}: 1 of 2; held-out {B}: 1 of 1.
        assertThat(Coverage.among(m, 3, 3.0, new int[] {0, 2})).isCloseTo(0.5, within(1e-12));
        assertThat(Coverage.among(m, 3, 3.0, new int[] {1})).isCloseTo(1.0, within(1e-12));
        // tau = 0.1 marks A alone: the held-out B is no longer covered.
        assertThat(Coverage.among(m, 3, 0.1, new int[] {1})).isEqualTo(0.0);
        assertThatThrownBy(() -> Coverage.among(m, 3, 3.0, new int[0])).hasMessage("coverage of an empty set of images is undefined");
    }

    /*
     * The expected divergences below are literals worked out by hand from the definitions (SPEC
     * section 5) and checked with SciPy 1.17 (scipy.stats.entropy(q, p, base=2) and
     * scipy.spatial.distance.jensenshannon(q, p, base=2) ** 2), never with the formulas under test.
     */

    @Test
    void klAndJensenShannonOfAKnownDistribution() {
        // 4 samples over 4 images, two never hit: q = (3/4, 1/4, 0, 0), p = (1/4, 1/4, 1/4, 1/4).
        SampleDistribution q = new SampleDistribution(new int[] {0, 0, 0, 1}, 4);
        // H(q) = 3/4 log2(4/3) + 1/4 log2 4 = 2 - 3/4 log2 3.
        assertThat(q.entropy()).isCloseTo(0.8112781244591328, within(1e-12));
        // D_KL(q, p) = 3/4 log2(3) + 1/4 log2(1) = 3/4 log2 3 (= log2 4 - H(q)).
        assertThat(q.klFromUniform()).isCloseTo(1.188721875540867, within(1e-12));
        // Report form: 1/4 log2(1/3) + 1/4 log2(1) + 2 x 1/4 log2(0.25 / 1e-10) = -1/4 log2 3 + 1/2 log2(2.5e9).
        assertThat(q.reportKl()).isCloseTo(15.213399849064164, within(1e-9));
        // JS: m = (1/2, 1/4, 1/8, 1/8); 1/2 KL(q, m) + 1/2 KL(p, m)
        // = 1/2 (3/4 log2(3/2)) + 1/2 (1/4 log2(1/2) + 0 + 2 x 1/4 log2 2) = 3/8 log2 3 - 1/4.
        assertThat(q.jensenShannon()).isCloseTo(0.3443609377704336, within(1e-12));
        assertThat(q.support()).isEqualTo(2);

        // Every image hit: q = (3/4, 1/4) over 2 images. D_KL = 1 - H(q) = 3/4 log2 3 - 1; JS with m = (5/8, 3/8).
        SampleDistribution everyImageHit = new SampleDistribution(new int[] {0, 0, 0, 1}, 2);
        assertThat(everyImageHit.klFromUniform()).isCloseTo(0.18872187554086717, within(1e-12));
        assertThat(everyImageHit.jensenShannon()).isCloseTo(0.0487949406953985, within(1e-12));
        // 1/2 log2(2/3) + 1/2 log2(2) = 1 - 1/2 log2 3 (the 1e-10 moves it by less than 1e-9).
        assertThat(everyImageHit.reportKl()).isCloseTo(0.20751874925470315, within(1e-9));
    }

    @Test
    void uniformSamplesHaveNoDivergenceAndMissesDominateTheReportForm() {
        SampleDistribution uniform = new SampleDistribution(new int[] {0, 1, 2, 3}, 4);
        assertThat(uniform.klFromUniform()).isCloseTo(0, within(1e-12));
        assertThat(uniform.jensenShannon()).isCloseTo(0, within(1e-12));
        // One image never hit: 1/2 log2(1/2) + 1/2 log2(0.5 / 1e-10) = -1/2 + 1/2 log2(5e9) = 15.61 bits,
        // of which 16.11 come from the missed image alone.
        SampleDistribution oneMissed = new SampleDistribution(new int[] {0, 0}, 2);
        assertThat(oneMissed.reportKl()).isCloseTo(15.609640474364678, within(1e-9));
        // JS of q = (1, 0) and p = (1/2, 1/2): m = (3/4, 1/4); 1/2 log2(4/3) + 1/2 (1/2 log2(2/3) + 1/2 log2 2) = 3/2 - 3/4 log2 3.
        assertThat(oneMissed.jensenShannon()).isCloseTo(0.31127812445913283, within(1e-12));
        // Disjoint support of q and p is the extreme: JS of a point mass vs a uniform over many approaches 1 bit.
        assertThat(new SampleDistribution(new int[1000], 100000).jensenShannon()).isBetween(0.99, 1.0);
    }

    @Test
    void reconstructionErrorInBitsAndTheReportBatching() {
        // Two 2-pixel images. Logit 0 costs ln 2 nats = 1 bit per pixel whatever the target.
        FloatMatrix logits = new FloatMatrix(2, 2, new float[] {0, 0, 0, 0});
        FloatMatrix images = new FloatMatrix(2, 2, new float[] {1, 0, 0, 1});
        assertThat(ReconstructionError.perImageBits(logits, images)).containsExactly(new double[] {2, 2}, within(1e-12));
        // Logit l = ln 3 on target 1: -ln(sigmoid) = ln(4/3); on target 0: ln(4). In bits: log2(4/3) + log2(4) = log2(16/3).
        float l = (float) Math.log(3);
        double[] bits = ReconstructionError.perImageBits(new FloatMatrix(1, 2, new float[] {l, l}), new FloatMatrix(1, 2, new float[] {1, 0}));
        assertThat(bits[0]).isCloseTo(Math.log(16.0 / 3) / Math.log(2), within(1e-6));
        // 8002 images of 1 bit in batches of 100: 81 batches, so the report's figure is 8002 / 81.
        double[] ones = new double[8002];
        java.util.Arrays.fill(ones, 1.0);
        assertThat(ReconstructionError.mean(ones)).isEqualTo(1.0);
        assertThat(ReconstructionError.reportCompatible(ones, 100)).isCloseTo(8002.0 / 81, within(1e-9));
    }

    @Test
    void autoencoderRateOfAKnownVariance() {
        // Dimension 0 takes -1 and 1 (population variance 1); dimension 1 is constant (variance 0).
        FloatMatrix z = new FloatMatrix(2, 2, new float[] {-1, 5, 1, 5});
        double[] rate = InformationRate.autoencoder(z, 0.5);
        // 0.5 log2(1 + 1 / 0.25) = 0.5 log2 5.
        assertThat(rate[0]).isCloseTo(0.5 * Math.log(5) / Math.log(2), within(1e-12));
        assertThat(rate[1]).isEqualTo(0.0);
        assertThat(InformationRate.total(rate)).isCloseTo(1.160964, within(1e-6));
        // The report divided by sigma_n: 0.5 log2(1 + 1 / 0.5) = 0.5 log2 3.
        assertThat(InformationRate.autoencoderReportCompatible(z, 0.5)[0]).isCloseTo(0.5 * Math.log(3) / Math.log(2), within(1e-12));
    }

    @Test
    void variationalRateIsTheMeanKlInBits() {
        // Image 1: mu = 0, logvar = 0 (the prior): 0. Image 2: mu = 2, logvar = 0: 0.5 * 4 = 2 nats.
        FloatMatrix mean = new FloatMatrix(2, 1, new float[] {0, 2});
        FloatMatrix logvar = new FloatMatrix(2, 1, new float[] {0, 0});
        assertThat(InformationRate.variational(mean, logvar)[0]).isCloseTo(1.0 / Math.log(2), within(1e-12));
    }

    @Test
    void correlationsOfExactlyOneAndZero() {
        // Dimension 0 is 2 x size + 1 (correlation 1); dimension 1 is orthogonal to size.
        double[] size = {1, 2, 3, 4};
        FloatMatrix z = new FloatMatrix(4, 2, new float[] {3, 1, 5, -1, 7, -1, 9, 1});
        LatentCorrelations c = LatentCorrelations.of(z, Map.of("size", size));
        assertThat(c.pearson()[0][0]).isCloseTo(1.0, within(1e-12));
        assertThat(c.spearman()[0][0]).isCloseTo(1.0, within(1e-12));
        assertThat(c.pearson()[1][0]).isCloseTo(0.0, within(1e-12));
        assertThat(c.spearman()[1][0]).isCloseTo(0.0, within(1e-12));
        // Spearman sees a monotone but non-linear relation as perfect; Pearson does not.
        FloatMatrix cubic = new FloatMatrix(4, 1, new float[] {1, 8, 27, 64});
        assertThat(LatentCorrelations.of(cubic, Map.of("size", size)).spearman()[0][0]).isCloseTo(1.0, within(1e-12));
        assertThat(LatentCorrelations.of(cubic, Map.of("size", size)).pearson()[0][0]).isLessThan(0.99);
    }

    @Test
    void migOfDisentangledAndEntangledCodes() {
        // Two independent factors on a full 4 x 3 grid.
        int n = 12;
        int[] a = new int[n];
        int[] b = new int[n];
        float[] separate = new float[n * 2];
        float[] mixed = new float[n * 2];
        for (int i = 0; i < n; i++) {
            a[i] = i / 3;
            b[i] = i % 3;
            separate[2 * i] = a[i];
            separate[2 * i + 1] = b[i];
            // Both dimensions carry the same mixture of both factors.
            mixed[2 * i] = a[i] * 3 + b[i];
            mixed[2 * i + 1] = a[i] * 3 + b[i];
        }
        MutualInformationGap disentangled = MutualInformationGap.of(new FloatMatrix(n, 2, separate), List.of(a, b), 20);
        assertThat(disentangled.mig()).isCloseTo(1.0, within(1e-12));
        assertThat(disentangled.mutualInformation()[0][0]).isCloseTo(2.0, within(1e-12));
        assertThat(disentangled.mutualInformation()[0][1]).isCloseTo(0.0, within(1e-12));
        MutualInformationGap entangled = MutualInformationGap.of(new FloatMatrix(n, 2, mixed), List.of(a, b), 20);
        assertThat(entangled.mig()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void estimateGivesATIntervalForTheMean() {
        // Values 1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.302653; half width 4.302653 / sqrt 3 = 2.484138.
        Estimate e = Estimate.of(1, 2, 3);
        assertThat(e.mean()).isEqualTo(2.0);
        assertThat(e.halfWidth()).isCloseTo(2.484138, within(1e-6));
        assertThat(Estimate.of(5).low()).isNaN();
    }
}
