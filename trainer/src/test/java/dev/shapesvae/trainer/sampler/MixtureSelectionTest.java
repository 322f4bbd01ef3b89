package dev.shapesvae.trainer.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shapesvae.inference.GaussianMixture;
import dev.shapesvae.inference.GaussianMixtureFile;
import dev.shapesvae.inference.MixtureFit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** EM and the choice of the number of components, on codes drawn from known mixtures. */
class MixtureSelectionTest {
    private static final double LOG_2_PI = Math.log(2 * Math.PI);

    /** n codes from 0.3 N((-4, 0), [[1, 0.3], [0.3, 0.5]]) + 0.7 N((4, 1), [[0.5, 0], [0, 1]]). */
    private static double[][] twoGaussians(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] codes = new double[n][];
        for (int i = 0; i < n; i++) {
            double e1 = random.nextGaussian();
            double e2 = random.nextGaussian();
            if (random.nextDouble() < 0.3) {
                // Cholesky factor of [[1, 0.3], [0.3, 0.5]]: [[1, 0], [0.3, sqrt(0.41)]].
                codes[i] = new double[] {-4 + e1, 0.3 * e1 + Math.sqrt(0.41) * e2};
            } else {
                codes[i] = new double[] {4 + Math.sqrt(0.5) * e1, 1 + e2};
            }
        }
        return codes;
    }

    private static LatentCodes codes(double[][] train, double[][] validation) {
        return new LatentCodes("mean", 1, 0.9, train, validation);
    }

    /**
     * Few training codes and many held-out ones: four components fit the training codes about as
     * well as two (each true one split in halves), and the held-out codes tell that they overfit.
     */
    @Test
    void twoWellSeparatedGaussiansAreFoundAsTwoComponentsByHeldOutLikelihood() {
        GaussianMixtureFile file = MixtureSelection.fit(codes(twoGaussians(1000, 1), twoGaussians(10000, 2)), List.of(1, 2, 4, 8), 3,
                EmSettings.DEFAULTS);

        MixtureFit fit = file.fit();
        assertThat(fit.chosen().components()).isEqualTo(2);
        assertThat(fit.candidates()).extracting(MixtureFit.Candidate::components).containsExactly(1, 2, 4, 8);
        double one = fit.candidates().get(0).validationLogLikelihood();
        double two = fit.candidates().get(1).validationLogLikelihood();
        assertThat(two).isGreaterThan(one + 1);
        GaussianMixture mixture = file.mixture();
        int left = mixture.means()[0][0] < 0 ? 0 : 1;
        int right = 1 - left;
        // 1000 draws, about 300 of them on the left: a weight's standard error is 0.015, a mean's at
        // most 0.058, a variance of 1's 0.08; the bounds are over three of them.
        assertThat(mixture.weights()[left]).isCloseTo(0.3, within(0.05));
        assertThat(mixture.means()[left]).containsExactly(new double[] {-4, 0}, within(0.2));
        assertThat(mixture.means()[right]).containsExactly(new double[] {4, 1}, within(0.2));
        assertThat(mixture.covariance(left)[0]).containsExactly(new double[] {1, 0.3}, within(0.25));
        assertThat(mixture.covariance(left)[1]).containsExactly(new double[] {0.3, 0.5}, within(0.25));
        assertThat(mixture.covariance(right)[0]).containsExactly(new double[] {0.5, 0}, within(0.25));
        assertThat(mixture.covariance(right)[1]).containsExactly(new double[] {0, 1}, within(0.25));
    }

    @Test
    void codesAreEqualByTheirValues() {
        LatentCodes codes = new LatentCodes("mean", 1, 0.9, new double[][] {{1, 2}}, new double[][] {{3, 4}});
        LatentCodes same = new LatentCodes("mean", 1, 0.9, new double[][] {{1, 2}}, new double[][] {{3, 4}});
        assertThat(same).isEqualTo(codes).hasSameHashCodeAs(codes);
        assertThat(new LatentCodes("mean", 1, 0.9, new double[][] {{1, 2}}, new double[][] {{3, 5}})).isNotEqualTo(codes);
        assertThat(new LatentCodes("z", 1, 0.9, new double[][] {{1, 2}}, new double[][] {{3, 4}})).isNotEqualTo(codes);
    }

    @Test
    void theSameCodesAndSeedFitTheSameMixture() {
        LatentCodes codes = codes(twoGaussians(2000, 4), twoGaussians(500, 5));

        assertThat(MixtureSelection.fit(codes, List.of(3), 9, EmSettings.DEFAULTS))
                .isEqualTo(MixtureSelection.fit(codes, List.of(3), 9, EmSettings.DEFAULTS));
    }

    @Test
    void aConstantDimensionGetsTheCovarianceFloorInsteadOfASingularCovariance() {
        // A VAE's collapsed dimension at its extreme: the same value in every code.
        double[][] train = new double[100][];
        double[][] validation = new double[20][];
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < train.length; i++) {
            train[i] = new double[] {random.nextGaussian(), 0.5};
        }
        for (int i = 0; i < validation.length; i++) {
            validation[i] = new double[] {random.nextGaussian(), 0.5};
        }

        GaussianMixture mixture = MixtureSelection.fit(codes(train, validation), List.of(1), 1, EmSettings.DEFAULTS).mixture();

        assertThat(mixture.means()[0][1]).isEqualTo(0.5, within(1e-12));
        assertThat(mixture.covariance(0)[1][1]).isEqualTo(1e-6, within(1e-12));
        assertThat(mixture.covariance(0)[0][1]).isEqualTo(0, within(1e-12));
    }

    @Test
    void tooManyComponentsForTheCodesAreSkippedWithTheReason() {
        // 30 codes in 2 dimensions: at most 10 components of 3 codes each.
        GaussianMixtureFile file = MixtureSelection.fit(codes(twoGaussians(30, 7), twoGaussians(10, 8)), List.of(16, 1, 2, 2), 1,
                EmSettings.DEFAULTS);

        assertThat(file.fit().candidates()).extracting(MixtureFit.Candidate::components).containsExactly(1, 2);
        assertThat(file.fit().skipped()).containsExactly(
                new MixtureFit.SkippedCandidate(16, "fewer than L + 1 = 3 training codes per component (30 codes)"));
        assertThatThrownBy(() -> MixtureSelection.fit(codes(twoGaussians(30, 7), twoGaussians(10, 8)), List.of(16), 1, EmSettings.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no number of components could be fitted: 16: fewer than L + 1 = 3 training codes per component (30 codes)");
    }

    @Test
    void badCandidatesAreRefusedByValue() {
        assertThatThrownBy(() -> MixtureSelection.checkCandidates(List.of())).hasMessage("give at least one number of components");
        assertThatThrownBy(() -> MixtureSelection.checkCandidates(List.of(2, 0)))
                .hasMessage("a number of components must be between 1 and 1024, got 0");
        assertThat(MixtureSelection.checkCandidates(List.of(8, 1, 8))).containsExactly(1, 8);
    }

    @Test
    void theLogDensityOfOneGaussianIsTheTextbookOne() {
        // Sigma = [[4, 2], [2, 5]]: det 16, inverse [[5, -2], [-2, 4]] / 16.
        MixtureDensity density = new MixtureDensity(new double[] {1}, new double[][] {{1, -2}}, new double[][][] {{{4, 2}, {2, 5}}});
        double[] logs = new double[1];

        // At the mean: -log(2 pi) - log(det) / 2 = -log(2 pi) - log 4.
        assertThat(density.logDensity(new double[] {1, -2}, logs)).isCloseTo(-LOG_2_PI - Math.log(4), within(1e-12));
        // At mean + (2, 0): the squared Mahalanobis distance is 2 * 2 * 5 / 16 = 1.25.
        assertThat(density.logDensity(new double[] {3, -2}, logs)).isCloseTo(-LOG_2_PI - Math.log(4) - 0.625, within(1e-12));
        assertThat(logs[0]).isCloseTo(-LOG_2_PI - Math.log(4) - 0.625, within(1e-12));
    }

    @Test
    void theLogDensityOfAMixtureSumsItsWeightedComponents() {
        double[][] identity = {{1, 0}, {0, 1}};
        MixtureDensity density = new MixtureDensity(new double[] {0.25, 0.75}, new double[][] {{0, 0}, {2, 0}},
                new double[][][] {identity, identity});
        double[] logs = new double[2];

        // At (1, 0), both means are at distance 1: 0.25 N + 0.75 N = exp(-1/2) / (2 pi).
        assertThat(density.logDensity(new double[] {1, 0}, logs)).isCloseTo(-0.5 - LOG_2_PI, within(1e-12));
        assertThat(logs).containsExactly(new double[] {Math.log(0.25) - 0.5 - LOG_2_PI, Math.log(0.75) - 0.5 - LOG_2_PI}, within(1e-12));
        // 40 units from the nearer mean the densities leave double's range, their log does not: -800 - log(2 pi) + log 0.25.
        assertThat(density.logDensity(new double[] {-40, 0}, logs)).isCloseTo(Math.log(0.25) - 800 - LOG_2_PI, within(1e-9));
        assertThat(density.meanLogLikelihood(new double[][] {{1, 0}, {1, 0}})).isCloseTo(-0.5 - LOG_2_PI, within(1e-12));
    }
}
