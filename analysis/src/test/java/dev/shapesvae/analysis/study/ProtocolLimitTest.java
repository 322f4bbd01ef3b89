package dev.shapesvae.analysis.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shapesvae.analysis.metrics.Estimate;
import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.DatasetSplit;
import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.NearestImages;
import dev.shapesvae.repository.DatasetInfo;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelManifest;
import dev.shapesvae.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The protocol's limit: the perfect generator under the report's protocol scores what the spec's
 * numpy simulation found, and what a tiny dataset scores by hand; a generator that replays only
 * the training images scores what the spec says and is found to memorise; and the split it is
 * measured on is the one a model's manifest records.
 */
class ProtocolLimitTest {
    private static final ShapesDataset DATASET = ShapesDataset.standard();
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    @Test
    void underTheReportsProtocolThePerfectGeneratorScoresWhatTheSpecSimulated() {
        // The report's M and tau over 40 seeds; SPEC section 6 gives the spread of one run (200 numpy repetitions).
        StudyOptions paper = StudyOptions.paper();
        StudyOptions options = new StudyOptions(paper.nearestNeighbourSamples(), paper.coverageSamples(), paper.tau(), paper.klSamples(), 40,
                paper.seed(), paper.migBins(), paper.reportBatch());
        GenerativeMetrics limit = new GenerativeProtocol(EntryImages.of(DATASET), options)
                .measure(new PerfectGenerator(EntryImages.of(DATASET)), DATASET.split(1, 0.9));
        assertThat(limit.nearestNeighbourDistance().mean()).isEqualTo(0.0);
        assertThat(limit.coverage().mean()).isCloseTo(0.718, within(0.004));
        assertThat(limit.klReport().mean()).isCloseTo(7.31, within(0.07));
        // Given to two decimals: within rounding and the mean's own noise.
        assertThat(limit.klFromUniform().mean()).isCloseTo(0.82, within(0.01));
        assertThat(limit.jensenShannon().mean()).isCloseTo(0.24, within(0.01));
        // One run's spread, as the spec states it: about 0.4 points of coverage, 0.07 bits of KL.
        assertThat(standardDeviation(limit.coverage())).isBetween(0.002, 0.006);
        assertThat(standardDeviation(limit.klReport())).isBetween(0.04, 0.1);
        // Training and held-out images are drawn alike: both near the overall coverage.
        assertThat(limit.coverageTrain().mean()).isCloseTo(limit.coverage().mean(), within(0.002));
        assertThat(limit.coverageHeldOut().mean()).isCloseTo(limit.coverage().mean(), within(0.01));
        // The report's form cannot mark the 178 duplicate entries: at most 7824 / 8002 of the distinct figure.
        assertThat(limit.coverageReport().mean()).isCloseTo(limit.coverage().mean() * 7824 / 8002, within(1e-12));
    }

    @Test
    void aGeneratorThatReplaysOnlyTheTrainingImagesScoresAbout68PercentAndIsFoundToMemorise() {
        // SPEC section 6: replaying only the 90 % training images would reach about 68 %, which is why coverage is split.
        DatasetSplit split = DATASET.split(1, 0.9);
        int[] training = split.train();
        ImageMatches replay = (count, seed) -> {
            SplittableRandom random = new SplittableRandom(seed);
            NearestImages.Match[] matches = new NearestImages.Match[count];
            for (int i = 0; i < count; i++) {
                matches[i] = new NearestImages.Match(training[random.nextInt(training.length)], 0.0);
            }
            return matches;
        };
        StudyOptions paper = StudyOptions.paper();
        StudyOptions options = new StudyOptions(paper.nearestNeighbourSamples(), paper.coverageSamples(), paper.tau(), paper.klSamples(), 5,
                paper.seed(), paper.migBins(), paper.reportBatch());
        GenerativeMetrics replayed = new GenerativeProtocol(EntryImages.of(DATASET), options).measure(replay, split);

        // Uniform draws over the 7042 training images miss each with probability (1 - 1/7042)^10000 (about e^-1.42).
        double trainingCovered = 1 - Math.pow(1 - 1.0 / training.length, paper.coverageSamples());
        assertThat(replayed.coverageTrain().mean()).isCloseTo(trainingCovered, within(0.005));
        assertThat(replayed.coverageHeldOut().values()).containsOnly(0.0);
        assertThat(replayed.coverage().mean()).isCloseTo(trainingCovered * training.length / 7824, within(0.005)).isCloseTo(0.68, within(0.005));
        assertThat(Generalisation.of(replayed).verdict()).isEqualTo(Generalisation.Verdict.MEMORISES);
    }

    private static double standardDeviation(Estimate e) {
        double[] v = e.values();
        double mean = e.mean();
        return Math.sqrt(IntStream.range(0, v.length).mapToDouble(i -> (v[i] - mean) * (v[i] - mean)).sum() / (v.length - 1));
    }

    /** Three entries drawing two images: entry 0 image 0, entries 1 and 2 image 1. Image 0 trains, image 1 is held out. */
    private static final EntryImages TINY = new EntryImages(new int[] {0, 1, 1}, 2);
    private static final DatasetSplit TINY_SPLIT = new DatasetSplit(0, 0.5, new int[] {0}, new int[] {1});

    private static GenerativeMetrics tiny(int samples) {
        return new GenerativeProtocol(TINY, new StudyOptions(samples, samples, 3.0, samples, 3, 5, 20, 100))
                .measure(new PerfectGenerator(TINY), TINY_SPLIT);
    }

    @Test
    void oneDrawOfATinyDatasetScoresWhatOneImageScores() {
        GenerativeMetrics one = tiny(1);
        for (int s = 0; s < 3; s++) {
            assertThat(one.nearestNeighbourDistance().values()[s]).isEqualTo(0.0);
            // One image of two, whichever was drawn; one entry of three in the report's form.
            assertThat(one.coverage().values()[s]).isEqualTo(0.5);
            assertThat(one.coverageReport().values()[s]).isCloseTo(1.0 / 3, within(1e-15));
            // Either the training image or the held-out one: exactly one of the two shares is 1.
            assertThat(one.coverageTrain().values()[s] + one.coverageHeldOut().values()[s]).isEqualTo(1.0);
            // q is a point mass over 2 images: D_KL = log2 2 - 0 = 1; JS with m = (3/4, 1/4) = 3/2 - 3/4 log2 3.
            assertThat(one.klFromUniform().values()[s]).isCloseTo(1.0, within(1e-12));
            assertThat(one.jensenShannon().values()[s]).isCloseTo(1.5 - 0.75 * LOG2_3, within(1e-12));
            // Report form over 3 entries, the draw assigned to its image's first entry (0 or 1), the others never hit:
            // 1/3 log2((1/3) / (1 + 1e-10)) + 2/3 log2((1/3) / 1e-10).
            double p = 1.0 / 3;
            double expected = p * Math.log(p / (1 + 1e-10)) / Math.log(2) + 2 * p * Math.log(p / 1e-10) / Math.log(2);
            assertThat(one.klReport().values()[s]).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void manyDrawsOfATinyDatasetCoverItAllButTheReportsFormMissesTheDuplicate() {
        // 2000 draws miss an image with probability (2/3)^2000 at most: never.
        GenerativeMetrics many = tiny(2000);
        assertThat(many.coverage().values()).containsOnly(1.0);
        assertThat(many.coverageTrain().values()).containsOnly(1.0);
        assertThat(many.coverageHeldOut().values()).containsOnly(1.0);
        assertThat(many.coverageReport().values()).containsOnly(2.0 / 3);
        // Entry 2 draws image 1 as often as entry 1 does, so image 1 comes out about twice as often as image 0:
        // q near (1/3, 2/3), D_KL = 1 - H(1/3, 2/3) = 5/3 - log2 3 = 0.0817 bits.
        assertThat(many.klFromUniform().mean()).isCloseTo(5.0 / 3 - LOG2_3, within(0.01));
    }

    @Test
    void anExactImagesNearestValidImageIsItselfAtDistanceZero() {
        // Every 40th entry and every duplicate entry, through the real search in ONNX Runtime.
        List<ShapeEntry> picked = DATASET.entries().stream()
                .filter(e -> e.index() % 40 == 0 || DATASET.entriesOf(e.distinctIndex()).size() > 1).toList();
        List<BinaryImage> images = picked.stream().map(ShapeEntry::image).toList();
        try (NearestImages search = new NearestImages(DATASET.distinctImages())) {
            NearestImages.Match[] matches = search.nearest(FloatMatrix.ofImages(images));
            for (int i = 0; i < picked.size(); i++) {
                assertThat(matches[i].index()).as(picked.get(i).describe()).isEqualTo(picked.get(i).distinctIndex());
                assertThat(matches[i].distance()).as(picked.get(i).describe()).isEqualTo(0.0);
            }
        }
        assertThat(picked).hasSizeGreaterThan(350);
    }

    @Test
    void aModelsSplitIsMadeAgainFromItsManifestAndABadRecordIsRefused() {
        ModelManifest manifest = Fixtures.manifest(Fixtures.config(ModelKind.VAE, 2, false));
        assertThat(ModelSplit.of(DATASET, bundle(manifest))).isEqualTo(DATASET.split(7, 0.9));

        DatasetInfo info = manifest.dataset();
        DatasetInfo wrongCount = new DatasetInfo(info.name(), info.entries(), info.distinctImages(), info.splitSeed(), info.trainFraction(),
                info.trainImages() + 1, info.validationImages() - 1);
        assertThatThrownBy(() -> ModelSplit.of(DATASET, bundle(withDataset(manifest, wrongCount))))
                .hasMessage("m v1: model.json records 7043 training and 781 validation images, but split seed 7 with fraction 0.9 gives 7042 and 782");
        DatasetInfo otherData = new DatasetInfo("mnist", 70000, 70000, 7, 0.9, 63000, 7000);
        assertThatThrownBy(() -> ModelSplit.of(DATASET, bundle(withDataset(manifest, otherData))))
                .hasMessage("m v1 was fitted on dataset 'mnist' (70000 entries, 70000 distinct images), not on shapes-28x28-exact that the study measures");
    }

    private static ModelManifest withDataset(ModelManifest m, DatasetInfo dataset) {
        return new ModelManifest(m.formatVersion(), m.config(), dataset, m.training(), m.onnx(), m.createdAt());
    }

    private static ModelBundle bundle(ModelManifest manifest) {
        return new ModelBundle("m", 1, Path.of("unused"), manifest);
    }

    @Test
    void entryImagesRefuseAnImageNoEntryDraws() {
        assertThatThrownBy(() -> new EntryImages(new int[] {0, 2}, 3)).hasMessage("no entry draws image 1");
        assertThatThrownBy(() -> new EntryImages(new int[] {0, 3}, 3)).hasMessage("entry 1 draws image 3, not one of the 3 images");
        assertThat(TINY.firstEntryOf(1)).isEqualTo(1);
    }
}
