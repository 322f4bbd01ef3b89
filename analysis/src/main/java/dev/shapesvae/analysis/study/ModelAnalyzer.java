package dev.shapesvae.analysis.study;

import dev.shapesvae.analysis.metrics.Coverage;
import dev.shapesvae.analysis.metrics.Estimate;
import dev.shapesvae.analysis.metrics.InformationRate;
import dev.shapesvae.analysis.metrics.LatentCorrelations;
import dev.shapesvae.analysis.metrics.MutualInformationGap;
import dev.shapesvae.analysis.metrics.NearestNeighbourDistance;
import dev.shapesvae.analysis.metrics.ReconstructionError;
import dev.shapesvae.analysis.metrics.SampleDistribution;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.inference.Encoding;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.NearestImages;
import dev.shapesvae.repository.ModelKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures one model on the study's protocol. The nearest-image search is shared between models
 * (it holds the 7824 distinct images); samples for seed s of a metric are drawn with seed
 * {@code base + 1000 s + k} so that every metric has its own independent draws and a run is
 * reproducible.
 */
public final class ModelAnalyzer {
    private final ShapesDataset dataset;
    private final NearestImages search;
    private final StudyOptions options;
    private final FloatMatrix entryImages;
    private final FloatMatrix distinctImages;

    public ModelAnalyzer(ShapesDataset dataset, NearestImages search, StudyOptions options) {
        this.dataset = dataset;
        this.search = search;
        this.options = options;
        this.entryImages = new FloatMatrix(dataset.entries().size(), Canvas.PIXELS,
                dataset.pixels(dataset.entries().stream().mapToInt(ShapeEntry::distinctIndex).toArray()));
        this.distinctImages = new FloatMatrix(dataset.distinctImages().size(), Canvas.PIXELS, dataset.pixels(dataset.allDistinct()));
    }

    /** Runs every measurement; {@code stage} is told the name of each stage as it starts. */
    public ModelStudy analyse(GenerativeModel model, Consumer<String> stage) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();
        stage.accept("generative metrics");
        GenerativeMetrics generative = generative(model);
        t = lap(seconds, "generative metrics", t);

        stage.accept("reconstruction");
        double[] distinctBits = ReconstructionError.perImageBits(model.reconstruct(distinctImages).logits(), distinctImages);
        double[] entryBits = new double[dataset.entries().size()];
        for (ShapeEntry e : dataset.entries()) {
            entryBits[e.index()] = distinctBits[e.distinctIndex()];
        }
        t = lap(seconds, "reconstruction", t);

        stage.accept("latent analysis");
        LatentFindings latent = latent(model);
        lap(seconds, "latent analysis", t);
        return new ModelStudy(model.bundle(), generative, ReconstructionError.mean(distinctBits),
                ReconstructionError.reportCompatible(entryBits, options.reportBatch()), latent, seconds);
    }

    private GenerativeMetrics generative(GenerativeModel model) {
        int n = options.seeds();
        double[] nn = new double[n];
        double[] coverage = new double[n];
        double[] coverageReport = new double[n];
        double[] klReport = new double[n];
        double[] klUniform = new double[n];
        double[] js = new double[n];
        int distinct = dataset.distinctImages().size();
        int entries = dataset.entries().size();
        for (int s = 0; s < n; s++) {
            long base = options.seed() + 1000L * s;
            nn[s] = NearestNeighbourDistance.mean(nearest(model, options.nearestNeighbourSamples(), base));
            NearestImages.Match[] cov = nearest(model, options.coverageSamples(), base + 1);
            coverage[s] = Coverage.distinct(cov, distinct, options.tau());
            coverageReport[s] = Coverage.reportCompatible(cov, distinct, entries, options.tau());
            NearestImages.Match[] kl = nearest(model, options.klSamples(), base + 2);
            int[] nearestDistinct = new int[kl.length];
            int[] nearestEntry = new int[kl.length];
            for (int i = 0; i < kl.length; i++) {
                nearestDistinct[i] = kl[i].index();
                // The first of equal entries, as the report's search over entries returned.
                nearestEntry[i] = dataset.firstEntryOf(kl[i].index()).index();
            }
            klReport[s] = new SampleDistribution(nearestEntry, entries).reportKl();
            SampleDistribution q = new SampleDistribution(nearestDistinct, distinct);
            klUniform[s] = q.klFromUniform();
            js[s] = q.jensenShannon();
        }
        return new GenerativeMetrics(Estimate.of(nn), Estimate.of(coverage), Estimate.of(coverageReport),
                Estimate.of(klReport), Estimate.of(klUniform), Estimate.of(js));
    }

    private NearestImages.Match[] nearest(GenerativeModel model, int count, long seed) {
        return search.nearest(model.sample(count, seed, 1.0).probs());
    }

    private LatentFindings latent(GenerativeModel model) {
        Encoding encoded = model.encode(distinctImages);
        double[] rate;
        double[] reportRate;
        if (model.kind() == ModelKind.AE) {
            double sigmaN = model.bundle().manifest().config().hyperparameters().latentNoise();
            rate = InformationRate.autoencoder(encoded.z(), sigmaN);
            reportRate = InformationRate.autoencoderReportCompatible(encoded.z(), sigmaN);
        } else {
            rate = InformationRate.variational(encoded.z(), encoded.logvar().orElseThrow());
            reportRate = rate;
        }
        FloatMatrix entryLatents = model.encode(entryImages).z();
        LatentCorrelations correlations = LatentCorrelations.of(entryLatents, LatentCorrelations.features(dataset.entries()));
        List<ShapeEntry> all = dataset.entries();
        List<int[]> factors = List.of(
                all.stream().mapToInt(e -> e.shape().ordinal()).toArray(),
                all.stream().mapToInt(ShapeEntry::size).toArray(),
                all.stream().mapToInt(ShapeEntry::x).toArray(),
                all.stream().mapToInt(ShapeEntry::y).toArray());
        MutualInformationGap mig = MutualInformationGap.of(entryLatents, factors, options.migBins());
        return new LatentFindings(rate, InformationRate.total(rate), reportRate, InformationRate.total(reportRate), correlations, mig,
                List.of("shape", "size", "x", "y"), entryLatents);
    }

    private static long lap(Map<String, Double> seconds, String name, long start) {
        long now = System.nanoTime();
        seconds.put(name, (now - start) / 1e9);
        return now;
    }
}
