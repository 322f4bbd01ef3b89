package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The prior and the Gaussian mixture sampler: hand-computed draws, reproducibility, and the moments of many draws. */
class LatentSamplerTest {
    /** Covariance [[4, 2], [2, 5]] has the Cholesky factor [[2, 0], [1, 2]]: 2 * 2 = 4, 1 * 2 = 2, 1 * 1 + 2 * 2 = 5. */
    private static final double[][] COVARIANCE = {{4, 2}, {2, 5}};

    private static GaussianMixture oneComponent() {
        return new GaussianMixture(new double[] {1}, new double[][] {{1, -2}}, new double[][][] {COVARIANCE});
    }

    @Test
    void thePriorDrawsWhatSamplingDrewBeforeSamplersExisted() {
        // The code this replaced: one SplittableRandom of the seed, nextGaussian() * t for every value, row after row.
        SplittableRandom random = new SplittableRandom(7);
        float[] expected = new float[4 * 3];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) (random.nextGaussian() * 0.5);
        }

        assertThat(LatentSampler.prior(3).sample(4, 7, 0.5)).isEqualTo(new FloatMatrix(4, 3, expected));
    }

    @Test
    void oneMixtureDrawIsTheMeanPlusTheTemperatureTimesTheCholeskyFactorTimesEps() {
        // The sampler's own sequence: a uniform number for the component, then one eps per dimension.
        SplittableRandom random = new SplittableRandom(42);
        random.nextDouble();
        double e1 = random.nextGaussian();
        double e2 = random.nextGaussian();

        FloatMatrix z = LatentSampler.of(oneComponent()).sample(1, 42, 0.5);

        // z = (1, -2) + 0.5 * [[2, 0], [1, 2]] (e1, e2)
        assertThat(z.data()[0]).isEqualTo((float) (1 + 0.5 * (2 * e1)));
        assertThat(z.data()[1]).isEqualTo((float) (-2 + 0.5 * (e1 + 2 * e2)));
    }

    @Test
    void theSameSeedGivesTheSameLatentsAndTemperatureZeroGivesTheMeans() {
        LatentSampler sampler = LatentSampler.of(oneComponent());

        assertThat(sampler.sample(50, 3, 1)).isEqualTo(sampler.sample(50, 3, 1));
        assertThat(sampler.sample(50, 4, 1)).isNotEqualTo(sampler.sample(50, 3, 1));
        assertThat(sampler.sample(2, 3, 0).data()).containsExactly(1, -2, 1, -2);
    }

    @Test
    void manyDrawsHaveTheComponentFrequenciesAndMomentsOfTheMixture() {
        // Two components far apart on the first axis, so that the sign of z_0 says which one drew.
        GaussianMixture mixture = new GaussianMixture(new double[] {0.25, 0.75}, new double[][] {{-10, 1}, {10, -1}},
                new double[][][] {COVARIANCE, {{1, 0}, {0, 0.25}}});
        int n = 40_000;
        FloatMatrix z = LatentSampler.of(mixture).sample(n, 11, 1);

        double[][] sums = new double[2][2];
        double[][][] products = new double[2][2][2];
        int[] counts = new int[2];
        for (int i = 0; i < n; i++) {
            float[] row = z.row(i);
            int k = row[0] < 0 ? 0 : 1;
            counts[k]++;
            for (int a = 0; a < 2; a++) {
                sums[k][a] += row[a];
                for (int b = 0; b < 2; b++) {
                    products[k][a][b] += (double) row[a] * row[b];
                }
            }
        }
        // The share of a weight-0.25 component in 40000 draws has a standard deviation of 0.0022.
        assertThat(counts[0] / (double) n).isCloseTo(0.25, within(0.01));
        for (int k = 0; k < 2; k++) {
            double[] mean = {sums[k][0] / counts[k], sums[k][1] / counts[k]};
            double[][] covariance = mixture.covariance(k);
            for (int a = 0; a < 2; a++) {
                // At least 10000 draws: a mean's standard error is at most sqrt(5 / 10000) = 0.022.
                assertThat(mean[a]).as("component %d mean %d", k, a).isCloseTo(mixture.means()[k][a], within(0.1));
                for (int b = 0; b < 2; b++) {
                    double moment = products[k][a][b] / counts[k] - mean[a] * mean[b];
                    // A variance of 5 from 10000 draws has a standard error of about 0.07.
                    assertThat(moment).as("component %d covariance [%d][%d]", k, a, b).isCloseTo(covariance[a][b], within(0.3));
                }
            }
        }
    }

    @Test
    void badArgumentsAreRefusedByName() {
        LatentSampler sampler = LatentSampler.prior(2);
        assertThatThrownBy(() -> sampler.sample(0, 1, 1)).hasMessage("count must be positive, got 0");
        assertThatThrownBy(() -> sampler.sample(1, 1, -1)).hasMessage("temperature must be a finite number >= 0, got -1.0");
        assertThatThrownBy(() -> sampler.sample(1, 1, Double.NaN)).hasMessage("temperature must be a finite number >= 0, got NaN");
    }
}
