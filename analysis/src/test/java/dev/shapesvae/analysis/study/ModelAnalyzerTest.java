package dev.shapesvae.analysis.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shapesvae.analysis.metrics.Dci;
import dev.shapesvae.analysis.metrics.Estimate;
import dev.shapesvae.analysis.metrics.LabelledCodes;
import dev.shapesvae.analysis.metrics.SeparatedAttributePredictability;
import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.DatasetSplit;
import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.inference.NearestImages;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How {@link ModelAnalyzer} feeds each metric: which images (the 8002 entries or the 7824 distinct
 * images), sigma_n from the manifest, MIG's factors. The models' outputs are known
 * ({@link KnownModels}), so every expected number is worked out here from the dataset's pixels.
 */
class ModelAnalyzerTest {
    private static final ShapesDataset DATASET = ShapesDataset.standard();
    private static final List<BinaryImage> DISTINCT = DATASET.distinctImages();
    private static final List<ShapeEntry> ENTRIES = DATASET.entries();
    /** The split every test model records (Fixtures writes seed 7, 90 % training). */
    private static final DatasetSplit SPLIT = DATASET.split(7, 0.9);
    /** A training image that only one entry draws. */
    private static final int TARGET = singleEntryImage(SPLIT.train());
    /** A held-out image that only one entry draws. */
    private static final int HELD_OUT_TARGET = singleEntryImage(SPLIT.validation());
    private static final StudyOptions OPTIONS = new StudyOptions(100, 300, 3.0, 200, 2, 0, 20, 100);

    @TempDir
    static Path root;
    private static NearestImages search;

    @BeforeAll
    static void openSearch() {
        search = new NearestImages(DISTINCT);
    }

    @AfterAll
    static void closeSearch() {
        search.close();
    }

    private static int singleEntryImage(int[] images) {
        return java.util.Arrays.stream(images).filter(i -> i >= 1000 && DATASET.entriesOf(i).size() == 1).findFirst().orElseThrow();
    }

    private static ModelStudy analyse(ModelKind kind, double scale) {
        return analyse(kind, scale, TARGET);
    }

    private static ModelStudy analyse(ModelKind kind, double scale, int target) {
        ModelBundle bundle = KnownModels.write(new ModelRepository(root.resolve("models")), kind.label() + "-" + (int) (scale * 100) + "-" + target,
                kind, DISTINCT.get(target), scale);
        try (GenerativeModel model = GenerativeModel.load(bundle, InferenceOptions.cpu())) {
            return new ModelAnalyzer(DATASET, search, OPTIONS).analyse(model, stage -> { });
        }
    }

    private static void assertEverySeed(Estimate estimate, double expected, double tolerance) {
        assertThat(estimate.values()).hasSize(OPTIONS.seeds());
        for (double v : estimate.values()) {
            assertThat(v).isCloseTo(expected, within(tolerance));
        }
    }

    @Test
    void generativeMetricsCountDistinctImagesAndTheReportFormsCountEntries() {
        ModelStudy study = analyse(ModelKind.VAE, 1);
        assertThat(study.samplers()).extracting(SamplerStudy::sampler).containsExactly("prior");
        GenerativeMetrics g = study.samplers().get(0).metrics();
        // Every sample is the target image to within 1e-7 a pixel.
        assertEverySeed(g.nearestNeighbourDistance(), 0, 1e-6);
        // One image of 7824 marked; the report's form divides by the 8002 entries.
        assertEverySeed(g.coverage(), 1.0 / 7824, 1e-15);
        assertEverySeed(g.coverageReport(), 1.0 / 8002, 1e-15);
        // The target is one of the split's 7042 training images; none of the 782 held-out images is marked.
        assertThat(study.split()).isEqualTo(SPLIT);
        assertThat(SPLIT.train()).hasSize(7042);
        assertEverySeed(g.coverageTrain(), 1.0 / 7042, 1e-15);
        assertEverySeed(g.coverageHeldOut(), 0, 0);
        // q is a point mass: D_KL(q, p) = log2 7824 - H(q) = log2 7824.
        assertEverySeed(g.klFromUniform(), 12.933690654952233, 1e-9);
        // JS of a point mass and the uniform over n = 7824: 1/2 [log2(2n / (n + 1)) + 1/n log2(2 / (n + 1)) + (n - 1) / n].
        assertEverySeed(g.jensenShannon(), 0.9990812578036373, 1e-9);
        // Report form over the 8002 entries, one hit: 1/8002 log2(1 / (8002 (1 + 1e-10))) + 8001/8002 log2(1e10 / 8002).
        assertEverySeed(g.klReport(), 20.248984663252465, 1e-9);
    }

    @Test
    void reconstructionErrorIsPerDistinctImageAndTheReportFormSumsBatchesOfEntries() {
        ModelStudy study = analyse(ModelKind.AE, 1);
        // The decoder draws the target whatever the input: a pixel that differs costs 20 + ln(1 + e^-20) nats, one that agrees ln(1 + e^-20).
        BinaryImage target = DISTINCT.get(TARGET);
        double agree = Math.log1p(Math.exp(-KnownModels.LOGIT));
        double differ = KnownModels.LOGIT + agree;
        ToIntFunction<BinaryImage> differing = image -> (int) IntStream.range(0, Canvas.PIXELS).filter(p -> image.isOn(p) != target.isOn(p)).count();
        double sum = 0;
        for (BinaryImage image : DISTINCT) {
            int d = differing.applyAsInt(image);
            sum += (d * differ + (Canvas.PIXELS - d) * agree) / Math.log(2);
        }
        assertThat(study.reconstructionBits()).isCloseTo(sum / DISTINCT.size(), within(1e-9 * sum / DISTINCT.size()));
        // The report summed batches of 100 entries (80 full, one of 2) and averaged the 81 sums.
        double batchSums = 0;
        for (ShapeEntry entry : ENTRIES) {
            int d = differing.applyAsInt(entry.image());
            batchSums += (d * differ + (Canvas.PIXELS - d) * agree) / Math.log(2);
        }
        assertThat(study.reconstructionReport()).isCloseTo(batchSums / 81, within(1e-9 * batchSums / 81));
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void theInformationRateIsOverTheDistinctImagesWithSigmaNFromTheManifest(ModelKind kind) {
        double scale = 0.1;
        LatentFindings latent = analyse(kind, scale).latent();
        double[][] codes = DISTINCT.stream().map(image -> KnownModels.code(image, scale)).toArray(double[][]::new);
        for (int d = 0; d < 2; d++) {
            double[] column = column(codes, d);
            double expected;
            double expectedReport;
            if (kind == ModelKind.AE) {
                // 0.5 log2(1 + Var(z) / sigma_n^2); the report divided by sigma_n.
                double variance = variance(column);
                expected = 0.5 * Math.log(1 + variance / (KnownModels.SIGMA_N * KnownModels.SIGMA_N)) / Math.log(2);
                expectedReport = 0.5 * Math.log(1 + variance / KnownModels.SIGMA_N) / Math.log(2);
            } else {
                // logvar 0: KL(N(mu, 1), N(0, 1)) = mu^2 / 2 nats, averaged over the images.
                expected = IntStream.range(0, column.length).mapToDouble(i -> column[i] * column[i] / 2).average().orElseThrow() / Math.log(2);
                expectedReport = expected;
            }
            assertThat(latent.ratePerDimension()[d]).as("rate of dimension %d", d).isCloseTo(expected, within(1e-6 * expected));
            assertThat(latent.reportRatePerDimension()[d]).as("report-form rate of dimension %d", d).isCloseTo(expectedReport, within(1e-6 * expectedReport));
        }
    }

    @Test
    void correlationsAndMigAreOverTheEntriesWithTheFactorsShapeSizeXAndY() {
        LatentFindings latent = analyse(ModelKind.AE, 1).latent();
        double[][] codes = ENTRIES.stream().map(e -> KnownModels.code(e.image(), 1)).toArray(double[][]::new);
        double[] size = ENTRIES.stream().mapToDouble(ShapeEntry::size).toArray();
        double[] y = ENTRIES.stream().mapToDouble(ShapeEntry::y).toArray();
        List<String> features = latent.correlations().features();
        assertThat(latent.correlations().pearson()[0][features.indexOf("size")]).isCloseTo(pearson(column(codes, 0), size), within(1e-9));
        assertThat(latent.correlations().pearson()[1][features.indexOf("y")]).isCloseTo(pearson(column(codes, 1), y), within(1e-9));

        assertThat(ModelAnalyzer.FACTORS).containsExactly("shape", "size", "x", "y");
        List<int[]> factors = List.of(ENTRIES.stream().mapToInt(e -> e.shape().ordinal()).toArray(),
                ENTRIES.stream().mapToInt(ShapeEntry::size).toArray(), ENTRIES.stream().mapToInt(ShapeEntry::x).toArray(),
                ENTRIES.stream().mapToInt(ShapeEntry::y).toArray());
        double mig = 0;
        for (int f = 0; f < factors.size(); f++) {
            double first = mutualInformation(bins(column(codes, 0), OPTIONS.migBins()), factors.get(f));
            double second = mutualInformation(bins(column(codes, 1), OPTIONS.migBins()), factors.get(f));
            assertThat(latent.mig().mutualInformation()[0][f]).as("MI of z0 and %s", ModelAnalyzer.FACTORS.get(f)).isCloseTo(first, within(1e-9));
            assertThat(latent.mig().mutualInformation()[1][f]).as("MI of z1 and %s", ModelAnalyzer.FACTORS.get(f)).isCloseTo(second, within(1e-9));
            double gap = Math.abs(first - second) / entropy(factors.get(f));
            assertThat(latent.mig().perFactor()[f]).as("gap of %s", ModelAnalyzer.FACTORS.get(f)).isCloseTo(gap, within(1e-9));
            mig += gap / factors.size();
        }
        assertThat(latent.mig().mig()).isCloseTo(mig, within(1e-9));
    }

    /**
     * Wiring: the expected limit is computed by the same GenerativeProtocol and PerfectGenerator
     * code, so this checks that the analyzer hands them the model's split and options, not what
     * they compute (ProtocolLimitTest checks that).
     */
    @Test
    void wiringTheLimitIsThePerfectGeneratorRunThroughTheModelsProtocolAndSplit() {
        ModelStudy study = analyse(ModelKind.VAE, 1);
        GenerativeMetrics expected = new GenerativeProtocol(EntryImages.of(DATASET), OPTIONS)
                .measure(new PerfectGenerator(EntryImages.of(DATASET)), SPLIT);
        assertThat(study.limit()).usingRecursiveComparison().isEqualTo(expected);
        assertEverySeed(study.limit().nearestNeighbourDistance(), 0, 0);
        // The one-image model against it: 1/7824 of the limit's coverage, and so on.
        AgainstLimit against = study.samplers().get(0).againstLimit();
        assertThat(against.coverageOfLimit()).isCloseTo(1.0 / 7824 / expected.coverage().mean(), within(1e-12));
        assertThat(against.coverageHeldOutOfLimit()).isEqualTo(0.0);
        assertThat(against.jensenShannonBitsAboveLimit()).isCloseTo(0.9990812578036373 - expected.jensenShannon().mean(), within(1e-9));
    }

    @Test
    void aModelThatDrawsOneTrainingImageMemorisesAndOneThatDrawsAHeldOutImageDoesNot() {
        Generalisation training = analyse(ModelKind.AE, 1, TARGET).samplers().get(0).generalisation();
        // 1/7042 of the training images against none of the held-out ones, on every seed: the whole coverage is the gap.
        assertEverySeed(training.gap(), 1.0 / 7042, 1e-15);
        assertThat(training.shortfall()).isCloseTo(1.0, within(1e-12));
        assertThat(training.verdict()).isEqualTo(Generalisation.Verdict.MEMORISES);

        ModelStudy heldOut = analyse(ModelKind.AE, 1, HELD_OUT_TARGET);
        assertEverySeed(heldOut.samplers().get(0).metrics().coverageHeldOut(), 1.0 / 782, 1e-15);
        assertThat(heldOut.samplers().get(0).generalisation().verdict()).isEqualTo(Generalisation.Verdict.GENERALISES);
    }

    @Test
    void modelsFittedOnTheSameSplitShareOneMeasurementOfTheLimit() {
        ModelRepository repository = new ModelRepository(root.resolve("shared-split"));
        ModelAnalyzer analyzer = new ModelAnalyzer(DATASET, search, OPTIONS);
        try (GenerativeModel first = GenerativeModel.load(KnownModels.write(repository, "first", ModelKind.AE, DISTINCT.get(TARGET), 1),
                InferenceOptions.cpu());
             GenerativeModel second = GenerativeModel.load(KnownModels.write(repository, "second", ModelKind.VAE,
                     DISTINCT.get(HELD_OUT_TARGET), 1), InferenceOptions.cpu())) {
            ModelStudy one = analyzer.analyse(first, stage -> { });
            ModelStudy other = analyzer.analyse(second, stage -> { });
            assertThat(other.split()).isEqualTo(one.split());
            assertThat(other.limit()).isSameAs(one.limit());
        }
    }

    /**
     * Wiring: each row's expected metrics come from the same GenerativeProtocol code, run on the
     * sampler's own draws, so this checks which draws feed which row, not the metrics themselves.
     */
    @Test
    void wiringEverySamplerTheBundleStoresGetsItsOwnRowMeasuredOnItsOwnDraws() {
        ModelBundle bundle = Fixtures.writeBundleWithMixture(new ModelRepository(root.resolve("mixtures")), "mixed",
                Fixtures.config(ModelKind.VAE, 3, false), 5);
        try (GenerativeModel model = GenerativeModel.load(bundle, InferenceOptions.cpu())) {
            ModelStudy study = new ModelAnalyzer(DATASET, search, OPTIONS).analyse(model, stage -> { });
            assertThat(study.samplers()).extracting(SamplerStudy::sampler).containsExactly("prior", "gmm");
            GenerativeProtocol protocol = new GenerativeProtocol(EntryImages.of(DATASET), OPTIONS);
            for (SamplerStudy row : study.samplers()) {
                // The row is the protocol run on that sampler's latents, decoded: z from the mixture for gmm, N(0, I) for prior.
                GenerativeMetrics expected = protocol.measure((count, seed) -> search.nearest(model.sample(row.sampler(), count, seed, 1.0).probs()),
                        study.split());
                assertThat(row.metrics()).usingRecursiveComparison().isEqualTo(expected);
            }
            // The fixture's mixture sits at -3 and +3 in every dimension, far from where the prior draws.
            assertThat(study.samplers().get(1).metrics().nearestNeighbourDistance().values())
                    .isNotEqualTo(study.samplers().get(0).metrics().nearestNeighbourDistance().values());
        }
    }

    @Test
    void dciAndSapLearnFromTheEntriesOfTrainingImagesAndAreScoredOnThoseOfHeldOutImages() {
        LatentFindings latent = analyse(ModelKind.AE, 1).latent();
        boolean[] training = new boolean[DISTINCT.size()];
        for (int image : SPLIT.train()) {
            training[image] = true;
        }
        List<ShapeEntry> trainEntries = ENTRIES.stream().filter(e -> training[e.distinctIndex()]).toList();
        List<ShapeEntry> heldOutEntries = ENTRIES.stream().filter(e -> !training[e.distinctIndex()]).toList();
        assertThat(trainEntries.size() + heldOutEntries.size()).isEqualTo(8002);
        Dci dci = Dci.of(labelled(trainEntries), labelled(heldOutEntries));
        assertThat(latent.dci().importance()).isDeepEqualTo(dci.importance());
        assertThat(latent.dci().informativenessTest()).isEqualTo(dci.informativenessTest());
        assertThat(latent.dci().disentanglement()).isEqualTo(dci.disentanglement());
        SeparatedAttributePredictability sap = SeparatedAttributePredictability.of(labelled(trainEntries), labelled(heldOutEntries));
        assertThat(latent.sap().accuracy()).isDeepEqualTo(sap.accuracy());
    }

    /** The counting encoder's codes (exact in float32) of the entries, with the factors shape, size, x, y. */
    private static LabelledCodes labelled(List<ShapeEntry> entries) {
        float[] codes = new float[entries.size() * 2];
        for (int i = 0; i < entries.size(); i++) {
            double[] code = KnownModels.code(entries.get(i).image(), 1);
            codes[2 * i] = (float) code[0];
            codes[2 * i + 1] = (float) code[1];
        }
        return new LabelledCodes(new FloatMatrix(entries.size(), 2, codes), List.of(entries.stream().mapToInt(e -> e.shape().ordinal()).toArray(),
                entries.stream().mapToInt(ShapeEntry::size).toArray(), entries.stream().mapToInt(ShapeEntry::x).toArray(),
                entries.stream().mapToInt(ShapeEntry::y).toArray()));
    }

    private static double[] column(double[][] rows, int d) {
        return IntStream.range(0, rows.length).mapToDouble(i -> rows[i][d]).toArray();
    }

    /** Population variance. */
    private static double variance(double[] values) {
        double mean = IntStream.range(0, values.length).mapToDouble(i -> values[i]).average().orElseThrow();
        return IntStream.range(0, values.length).mapToDouble(i -> (values[i] - mean) * (values[i] - mean)).sum() / values.length;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = IntStream.range(0, a.length).mapToDouble(i -> a[i]).average().orElseThrow();
        double mb = IntStream.range(0, b.length).mapToDouble(i -> b[i]).average().orElseThrow();
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** Equal-width bins over [min, max], the maximum in the last (numpy.histogram's convention, as disentanglement_lib uses). */
    private static int[] bins(double[] values, int count) {
        double min = java.util.Arrays.stream(values).min().orElseThrow();
        double max = java.util.Arrays.stream(values).max().orElseThrow();
        double width = (max - min) / count;
        return java.util.Arrays.stream(values).mapToInt(v -> Math.min(count - 1, (int) ((v - min) / width))).toArray();
    }

    /** Mutual information in bits, from the joint counts: sum over pairs of p(a, b) log2(p(a, b) / (p(a) p(b))). */
    private static double mutualInformation(int[] a, int[] b) {
        Map<List<Integer>, Integer> joint = new HashMap<>();
        Map<Integer, Integer> countA = new HashMap<>();
        Map<Integer, Integer> countB = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            joint.merge(List.of(a[i], b[i]), 1, Integer::sum);
            countA.merge(a[i], 1, Integer::sum);
            countB.merge(b[i], 1, Integer::sum);
        }
        double n = a.length;
        double mi = 0;
        for (Map.Entry<List<Integer>, Integer> pair : joint.entrySet()) {
            double pab = pair.getValue() / n;
            double pa = countA.get(pair.getKey().get(0)) / n;
            double pb = countB.get(pair.getKey().get(1)) / n;
            mi += pab * Math.log(pab / (pa * pb)) / Math.log(2);
        }
        return mi;
    }

    private static double entropy(int[] values) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int v : values) {
            counts.merge(v, 1, Integer::sum);
        }
        return counts.values().stream().mapToDouble(c -> -(c / (double) values.length) * Math.log(c / (double) values.length) / Math.log(2)).sum();
    }
}
