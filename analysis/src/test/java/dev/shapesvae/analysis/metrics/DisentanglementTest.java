package dev.shapesvae.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shapesvae.inference.FloatMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * DCI and SAP and the estimators inside them: the tree and the booster followed by hand for a
 * stage or two, both checked against scikit-learn on a small problem, the D and C formulas and
 * SAP's top-two gap on matrices worked out by hand, and how the scores behave on codes that are
 * the factors and on codes that are noise.
 */
class DisentanglementTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    /** One row per value, one column: the values as a code of one dimension. */
    private static FloatMatrix column(float... values) {
        return new FloatMatrix(values.length, 1, values);
    }

    @Test
    void aTreeCutsHalfwayWhereTheSquaredErrorFallsMost() {
        // Dimension 0 orders the targets 1, 2, 10, 11; dimension 1 is constant and never cut.
        FloatMatrix codes = new FloatMatrix(4, 2, new float[] {0, 5, 1, 5, 2, 5, 3, 5});
        double[] targets = {1, 2, 10, 11};
        RegressionTree.SortedCodes sorted = RegressionTree.SortedCodes.of(codes);

        // Depth 1: the cut between 1 and 2 leaves squared errors 0.5 + 0.5 of the root's 82 (mean 6: 25 + 16 + 16 + 25).
        RegressionTree.Grown grown = new RegressionTree.Grower(sorted, 1, new SplittableRandom(0)).grow(targets);
        RegressionTree stump = grown.tree();
        assertThat(stump.leaves()).isEqualTo(2);
        assertThat(grown.trainingLeaves()).containsExactly(0, 0, 1, 1);
        assertThat(stump.importance()).containsExactly(new double[] {81.0 / 4, 0}, within(1e-12));
        // The threshold is 1.5, halfway between the codes on either side; a value at it goes left.
        assertThat(stump.leaf(new FloatMatrix(1, 2, new float[] {1.5f, 5}), 0)).isEqualTo(0);
        assertThat(stump.leaf(new FloatMatrix(1, 2, new float[] {1.5001f, 5}), 0)).isEqualTo(1);

        // Depth 3: each pair is cut again, removing the last 0.5 + 0.5; every leaf holds one row.
        RegressionTree deep = new RegressionTree.Grower(sorted, 3, new SplittableRandom(0)).grow(targets).tree();
        assertThat(deep.leaves()).isEqualTo(4);
        assertThat(deep.importance()).containsExactly(new double[] {82.0 / 4, 0}, within(1e-12));

        // Equal targets are a leaf from the start: nothing to cut, no importance.
        RegressionTree flat = new RegressionTree.Grower(sorted, 3, new SplittableRandom(0)).grow(new double[] {3, 3, 3, 3}).tree();
        assertThat(flat.hasSplit()).isFalse();
        assertThat(flat.importance()).containsExactly(0, 0);
    }

    @Test
    void twoClassBoostingStartsFromTheLogOddsAndTakesNewtonSteps() {
        FloatMatrix x = column(0, 1, 2, 3);
        // Classes 0, 0, 1, 1: the start is log(1/1) = 0, so p = 1/2 and the residuals are -1/2, -1/2, 1/2, 1/2.
        // The tree cuts at 1.5; each leaf's step is sum(r) / sum(p(1 - p)) = +-1 / (2 x 1/4) = +-2; times the rate 0.1.
        GradientBoostedTrees one = GradientBoostedTrees.fit(x, new int[] {0, 0, 1, 1}, 1);
        assertThat(one.scores(x, 0)).containsExactly(new double[] {-0.2}, within(1e-12));
        assertThat(one.scores(x, 3)).containsExactly(new double[] {0.2}, within(1e-12));
        // Stage 2 from p = sigmoid(0.2) on class 1's rows: the step is (1 - p) / (p (1 - p)) = 1 / p.
        double p = 1 / (1 + Math.exp(-0.2));
        GradientBoostedTrees two = GradientBoostedTrees.fit(x, new int[] {0, 0, 1, 1}, 2);
        assertThat(two.scores(x, 3)).containsExactly(new double[] {0.2 + 0.1 / p}, within(1e-12));
        assertThat(two.predict(x)).containsExactly(0, 0, 1, 1);
        assertThat(two.featureImportances()).containsExactly(1.0);

        // Classes 0, 0, 0, 1: the start is log(1/3); p = 1/4, residuals -1/4 (x3) and 3/4. The best cut is at 2.5
        // (proxy 0.75^2 / 3 + 0.75^2 / 1 = 0.75, against 1/12 at 0.5); the left leaf's step is -0.75 / (3 x 3/16) = -4/3,
        // the right one's 0.75 / (3/16) = 4.
        GradientBoostedTrees skewed = GradientBoostedTrees.fit(x, new int[] {0, 0, 0, 1}, 1);
        assertThat(skewed.scores(x, 0)).containsExactly(new double[] {Math.log(1.0 / 3) - 0.4 / 3}, within(1e-12));
        assertThat(skewed.scores(x, 3)).containsExactly(new double[] {Math.log(1.0 / 3) + 0.4}, within(1e-12));
    }

    @Test
    void manyClassBoostingFitsOneTreePerClassAndScalesTheStepByKMinusOneOverK() {
        // Three rows, one per class: the start is log(1/3) - mean = 0 for each class, p = 1/3.
        // Class 0's residuals 2/3, -1/3, -1/3: cut at 0.5 (proxy 4/9 + 2/9 against 1/6 at 1.5); steps
        // 2/3 x (2/3) / (2/9) = 2 and 2/3 x (-2/3) / (4/9) = -1. Class 1's residuals -1/3, 2/3, -1/3: both cuts
        // tie at 1/6, the first (0.5) wins, then 1.5 splits the rest; steps -1, 2, -1. Class 2 mirrors class 0.
        FloatMatrix x = column(0, 1, 2);
        GradientBoostedTrees one = GradientBoostedTrees.fit(x, new int[] {0, 1, 2}, 1);
        assertThat(one.scores(x, 0)).containsExactly(new double[] {0.2, -0.1, -0.1}, within(1e-12));
        assertThat(one.scores(x, 1)).containsExactly(new double[] {-0.1, 0.2, -0.1}, within(1e-12));
        assertThat(one.scores(x, 2)).containsExactly(new double[] {-0.1, -0.1, 0.2}, within(1e-12));
        assertThat(one.predict(x)).containsExactly(0, 1, 2);
        // Labels need not be 0 .. K - 1: classes are the sorted distinct labels.
        assertThat(GradientBoostedTrees.fit(x, new int[] {7, 14, 9}, 1).predict(x)).containsExactly(7, 14, 9);
        assertThatThrownBy(() -> GradientBoostedTrees.fit(x, new int[] {4, 4, 4}))
                .hasMessage("a classifier needs at least 2 classes in its training data, got 1");
    }

    /*
     * The expected numbers below come from scikit-learn 1.9.1 on the same data
     * (GradientBoostingClassifier(random_state=0) with its defaults; LinearSVC(C=0.01,
     * class_weight="balanced"), with dual=True and dual=False alike), never from the code under
     * test. The search is scikit-learn's exact one: the scores agree to rounding after every
     * stage. Importances depend
     * on random numbers: where two dimensions cut a node's rows alike, each takes the first it
     * visits in a random order. The expected importances are scikit-learn's means over
     * random_state 0 to 19, whose own range is about +-0.01 around them.
     */

    /** 120 rows of three dimensions on grids of 0.1, and 40 rows to test on. */
    private static FloatMatrix sklearnCodes(int rows, int[] steps, int[] moduli) {
        float[] data = new float[rows * 3];
        for (int i = 0; i < rows; i++) {
            for (int d = 0; d < 3; d++) {
                data[i * 3 + d] = (float) (((long) i * steps[d] % moduli[d]) / 10.0);
            }
        }
        return new FloatMatrix(rows, 3, data);
    }

    private static final FloatMatrix TRAIN = sklearnCodes(120, new int[] {37, 53, 29}, new int[] {101, 97, 89});
    private static final FloatMatrix TEST = sklearnCodes(40, new int[] {41, 59, 31}, new int[] {103, 91, 83});

    /** Three classes from dimensions 0 and 1, every seventh label moved on by one. */
    private static int[] threeClasses(FloatMatrix codes, boolean noisy) {
        int[] y = new int[codes.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (codes.data()[i * 3] > 5 ? 1 : 0) + (codes.data()[i * 3 + 1] > 4.5 ? 1 : 0);
            y[i] = noisy && i % 7 == 0 ? (y[i] + 1) % 3 : y[i];
        }
        return y;
    }

    @Test
    void theBoosterMatchesScikitLearnOnASmallProblem() {
        int[] y = threeClasses(TRAIN, true);
        GradientBoostedTrees trees = GradientBoostedTrees.fit(TRAIN, y);
        assertThat(trees.featureImportances()).containsExactly(new double[] {0.43839583, 0.39632162, 0.16528255}, within(0.015));
        assertThat(trees.scores(TRAIN, 0)).containsExactly(new double[] {-1.7888989540050104, 3.681196120629664, -4.527882682921955},
                within(1e-9));
        assertThat(trees.accuracy(TRAIN, y)).isEqualTo(1.0);
        assertThat(trees.trainingAccuracy()).isEqualTo(1.0);
        assertThat(trees.predict(TEST)).containsExactly(1, 1, 1, 1, 2, 1, 1, 2, 0, 2, 1, 1, 2, 0, 1, 2, 0, 1, 2, 1, 2, 1, 1, 1, 0, 1, 1,
                1, 0, 2, 1, 0, 2, 0, 1, 2, 0, 2, 1, 1);

        int[] binary = new int[TRAIN.rows()];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = TRAIN.data()[i * 3] + TRAIN.data()[i * 3 + 2] > 9 ? 1 : 0;
            binary[i] = i % 5 == 0 ? 1 - binary[i] : binary[i];
        }
        GradientBoostedTrees two = GradientBoostedTrees.fit(TRAIN, binary);
        assertThat(two.featureImportances()).containsExactly(new double[] {0.51968518, 0.17439548, 0.30591934}, within(0.015));
        assertThat(two.scores(TRAIN, 0)).containsExactly(new double[] {2.1648363449759818}, within(1e-9));
        assertThat(two.predict(TEST)).containsExactly(1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0,
                0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1);
    }

    @Test
    void aTreeCutsBetweenAnyTwoOfMoreThan256DistinctValues() {
        // 1000 distinct values 0 .. 999; the targets step between 612 and 613. Over 256 equal-count bins, which the tree
        // once searched beyond 256 distinct values, the nearest cuts were at 609.5 and 613.5; the exact search cuts at 612.5.
        float[] values = new float[1000];
        double[] targets = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
            targets[i] = i <= 612 ? 0 : 1;
        }
        RegressionTree.SortedCodes sorted = RegressionTree.SortedCodes.of(column(values));
        RegressionTree.Grown stump = new RegressionTree.Grower(sorted, 1, new SplittableRandom(0)).grow(targets);
        assertThat(stump.trainingLeaves()).containsExactly(IntStream.range(0, 1000).map(i -> i <= 612 ? 0 : 1).toArray());
        // The whole squared error goes: 613 x 387 / 1000 over 1000 rows.
        assertThat(stump.tree().importance()).containsExactly(new double[] {613.0 * 387 / 1000 / 1000}, within(1e-12));
        assertThat(stump.tree().leaf(column(612.5f), 0)).isEqualTo(0);
        assertThat(stump.tree().leaf(column(612.50006f), 0)).isEqualTo(1);
    }

    /*
     * The same check where every dimension has more than 256 distinct values: 700 rows of three
     * dimensions, each of 700 distinct values k / 1009 in float32 (Python: np.float32(k / 1009.0),
     * the same rounding as Java's cast). The expected numbers come from scikit-learn 1.9.1,
     * GradientBoostingClassifier(random_state=0) with its defaults on these very values. The two-class
     * problem has no ties: random_state 0 to 19 give the same decision function to the last digit
     * and the same predictions, while the importances range over about +-0.002 around the means
     * below. The three-class one has ties, so its decision function is within 1e-4 of random_state 0's.
     */

    /** {@code rows} rows of three dimensions, value ((i x step + offset) mod 1009) / 1009. */
    private static FloatMatrix manyValueCodes(int rows, int[] steps, int[] offsets) {
        float[] data = new float[rows * 3];
        for (int i = 0; i < rows; i++) {
            for (int d = 0; d < 3; d++) {
                data[i * 3 + d] = (float) (((long) i * steps[d] + offsets[d]) % 1009 / 1009.0);
            }
        }
        return new FloatMatrix(rows, 3, data);
    }

    @Test
    void theBoosterMatchesScikitLearnWhereEveryDimensionHasHundredsOfDistinctValues() {
        FloatMatrix train = manyValueCodes(700, new int[] {37, 53, 29}, new int[] {0, 5, 11});
        FloatMatrix test = manyValueCodes(60, new int[] {41, 59, 31}, new int[] {3, 7, 2});
        for (int d = 0; d < 3; d++) {
            assertThat(LatentCorrelations.column(train, d)).doesNotHaveDuplicates().hasSize(700);
        }
        int[] binary = new int[700];
        int[] three = new int[700];
        for (int i = 0; i < 700; i++) {
            float x0 = train.data()[i * 3];
            float x1 = train.data()[i * 3 + 1];
            float x2 = train.data()[i * 3 + 2];
            binary[i] = x0 + x2 > 1.0f ? 1 : 0;
            binary[i] = i % 5 == 0 ? 1 - binary[i] : binary[i];
            three[i] = (x0 > 0.5f ? 1 : 0) + (x1 > 0.45f ? 1 : 0);
            three[i] = i % 7 == 0 ? (three[i] + 1) % 3 : three[i];
        }

        GradientBoostedTrees two = GradientBoostedTrees.fit(train, binary);
        assertThat(two.scores(train, 0)).containsExactly(new double[] {2.7508613230660854}, within(1e-9));
        assertThat(two.scores(train, 1)).containsExactly(new double[] {-2.1831026094774537}, within(1e-9));
        assertThat(two.trainingAccuracy()).isEqualTo(0.8457142857142858);
        assertThat(two.predict(test)).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1,
                1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(two.featureImportances()).containsExactly(new double[] {0.48441370, 0.09615339, 0.41943291}, within(0.003));

        GradientBoostedTrees many = GradientBoostedTrees.fit(train, three);
        assertThat(many.scores(train, 0)).containsExactly(new double[] {-0.03153643622996599, 2.1078109150692064, -2.6734266643583178},
                within(1e-4));
        assertThat(many.scores(train, 1)).containsExactly(new double[] {1.3641982369586028, -0.4919628141665997, -2.6756333898416496},
                within(1e-4));
        assertThat(many.featureImportances()).containsExactly(new double[] {0.39956297, 0.55204078, 0.04839625}, within(0.003));
    }

    @Test
    void theLinearSvmMatchesScikitLearnsLinearSvcOnOneDimension() {
        int[] y = threeClasses(TRAIN, true);
        int[] yTest = threeClasses(TEST, false);
        double[] expected = {0.55, 0.6, 0.375};
        for (int d = 0; d < 3; d++) {
            LinearSvm svm = LinearSvm.fit(LatentCorrelations.column(TRAIN, d), y);
            assertThat(svm.accuracy(LatentCorrelations.column(TEST, d), yTest)).as("dimension %d", d).isEqualTo(expected[d]);
        }
    }

    @Test
    void disentanglementAndCompletenessOfHandMadeImportances() {
        // Each dimension serves one factor and each factor one dimension: both 1 (less the 1e-11 smoothing).
        double[][] identity = {{1, 0}, {0, 1}};
        assertThat(Dci.disentanglement(identity)).isCloseTo(1.0, within(1e-9));
        assertThat(Dci.completeness(identity)).isCloseTo(1.0, within(1e-9));
        // Every dimension serves every factor alike: entropy 1 everywhere, both 0.
        double[][] uniform = {{0.25, 0.25}, {0.25, 0.25}};
        assertThat(Dci.disentanglement(uniform)).isCloseTo(0.0, within(1e-12));
        assertThat(Dci.completeness(uniform)).isCloseTo(0.0, within(1e-12));
        // Rows (1, 0) and (1/2, 1/2), each half the importance: D = 1/2 x 1 + 1/2 x 0 = 1/2.
        // Columns (1, 1/2) and (0, 1/2), weighing 3/4 and 1/4: 1 - H2(2/3, 1/3) = 5/3 - log2 3, and 1;
        // C = 3/4 (5/3 - log2 3) + 1/4 = 3/2 - 3/4 log2 3.
        double[][] mixed = {{1, 0}, {0.5, 0.5}};
        assertThat(Dci.disentanglement(mixed)).isCloseTo(0.5, within(1e-9));
        assertThat(Dci.completeness(mixed)).isCloseTo(1.5 - 0.75 * LOG2_3, within(1e-9));
        // Three factors: entropies are to base 3. The one dimension with importance spreads it over two
        // factors: 1 - log3(2); the other dimension has none and weighs nothing.
        double[][] threeFactors = {{1, 1, 0}, {0, 0, 0}};
        assertThat(Dci.disentanglement(threeFactors)).isCloseTo(1 - Math.log(2) / Math.log(3), within(1e-9));
        // No importance at all: every dimension weighs the same and each is spread evenly, so D = 0.
        assertThat(Dci.disentanglement(new double[2][2])).isCloseTo(0.0, within(1e-12));
        assertThatThrownBy(() -> Dci.disentanglement(new double[][] {{1, 0}})).hasMessage("DCI needs at least 2 code dimensions and 2 factors, got 1 x 2");
        assertThatThrownBy(() -> Dci.completeness(new double[][] {{1, -1}, {0, 0}})).hasMessage("importances must be finite and non-negative, got -1.0");
    }

    @Test
    void sapIsTheMeanGapBetweenTheTwoBestDimensionsOfEachFactor() {
        // Factor 0: best 0.9, second 0.5, gap 0.4. Factor 1: best 0.8, second 0.3, gap 0.5. Mean 0.45.
        SeparatedAttributePredictability sap = SeparatedAttributePredictability.ofScores(new double[][] {{0.9, 0.2}, {0.5, 0.3}, {0.1, 0.8}});
        assertThat(sap.perFactor()).containsExactly(new double[] {0.4, 0.5}, within(1e-12));
        assertThat(sap.score()).isCloseTo(0.45, within(1e-12));
        // Two dimensions equally good for a factor leave no gap.
        assertThat(SeparatedAttributePredictability.ofScores(new double[][] {{0.7}, {0.7}, {0.1}}).score()).isEqualTo(0.0);
        assertThatThrownBy(() -> SeparatedAttributePredictability.ofScores(new double[][] {{1}}))
                .hasMessage("SAP needs at least 2 code dimensions, got 1");
    }

    /** Factors on a full 3 x 4 x 5 grid, twice over: 120 examples. */
    private static List<int[]> gridFactors() {
        int n = 120;
        int[] a = new int[n];
        int[] b = new int[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            int cell = i % 60;
            a[i] = cell / 20;
            b[i] = cell / 5 % 4;
            c[i] = cell % 5;
        }
        return List.of(a, b, c);
    }

    /** One code dimension per factor (its value plus small noise), then a dimension of noise alone. */
    private static LabelledCodes factorCodes(List<int[]> factors, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = factors.get(0).length;
        float[] codes = new float[n * 4];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < 3; f++) {
                codes[i * 4 + f] = (float) (factors.get(f)[i] + 0.1 * random.nextGaussian());
            }
            codes[i * 4 + 3] = (float) random.nextGaussian();
        }
        return new LabelledCodes(new FloatMatrix(n, 4, codes), factors);
    }

    private static LabelledCodes noiseCodes(List<int[]> factors, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = factors.get(0).length;
        float[] codes = new float[n * 4];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (float) random.nextGaussian();
        }
        return new LabelledCodes(new FloatMatrix(n, 4, codes), factors);
    }

    @Test
    void codesThatAreTheFactorsScoreHighAndNoiseScoresLow() {
        List<int[]> factors = gridFactors();
        LabelledCodes clean = factorCodes(factors, 1);
        LabelledCodes cleanTest = factorCodes(factors, 2);
        Dci dci = Dci.of(clean, cleanTest);
        assertThat(dci.disentanglement()).isGreaterThan(0.9);
        assertThat(dci.completeness()).isGreaterThan(0.9);
        assertThat(dci.informativenessTrain()).isEqualTo(1.0);
        assertThat(dci.informativenessTest()).isGreaterThan(0.95);
        // Each factor's importance sits on its own dimension; the noise dimension gets next to none.
        for (int f = 0; f < 3; f++) {
            assertThat(dci.importance()[f][f]).as("factor %d on its dimension", f).isGreaterThan(0.9);
            assertThat(dci.importance()[3][f]).as("factor %d on the noise", f).isLessThan(0.05);
        }
        // A linear SVM on one dimension separates the end classes of a factor from the rest but not the middle
        // ones, so even a factor's own dimension is far from perfect; the next best is at chance.
        SeparatedAttributePredictability sap = SeparatedAttributePredictability.of(clean, cleanTest);
        for (int f = 0; f < 3; f++) {
            for (int d = 0; d < 4; d++) {
                assertThat(sap.accuracy()[f][f]).as("factor %d: its dimension against dimension %d", f, d).isGreaterThanOrEqualTo(sap.accuracy()[d][f]);
            }
        }
        assertThat(sap.score()).isGreaterThan(0.3);

        Dci noise = Dci.of(noiseCodes(factors, 3), noiseCodes(factors, 4));
        assertThat(noise.disentanglement()).isLessThan(0.35);
        assertThat(noise.completeness()).isLessThan(0.35);
        // Trees memorise noise (training accuracy near 1) but predict held-out factors at about chance (1/3, 1/4, 1/5).
        assertThat(noise.informativenessTest()).isLessThan(0.45);
        assertThat(SeparatedAttributePredictability.of(noiseCodes(factors, 3), noiseCodes(factors, 4)).score()).isLessThan(0.15);
    }

    @Test
    void labelledCodesAreEqualByTheirValues() {
        LabelledCodes codes = new LabelledCodes(new FloatMatrix(2, 1, new float[] {1, 2}), List.of(new int[] {0, 1}));
        LabelledCodes same = new LabelledCodes(new FloatMatrix(2, 1, new float[] {1, 2}), List.of(new int[] {0, 1}));
        assertThat(same).isEqualTo(codes).hasSameHashCodeAs(codes);
        assertThat(new LabelledCodes(new FloatMatrix(2, 1, new float[] {1, 2}), List.of(new int[] {1, 0}))).isNotEqualTo(codes);
        assertThat(codes.rows(new int[] {1, 0}).rows(new int[] {1, 0})).isEqualTo(codes);
    }

    @Test
    void codesAndFactorsMustAgreeInLength() {
        assertThatThrownBy(() -> new LabelledCodes(new FloatMatrix(2, 1, new float[2]), new ArrayList<>(List.of(new int[3]))))
                .hasMessage("factor 0 has 3 values for 2 codes");
    }
}
