package dev.shapesvae.analysis.study;

import dev.shapesvae.analysis.metrics.Dci;
import dev.shapesvae.analysis.metrics.InformationRate;
import dev.shapesvae.analysis.metrics.LabelledCodes;
import dev.shapesvae.analysis.metrics.LatentCorrelations;
import dev.shapesvae.analysis.metrics.MutualInformationGap;
import dev.shapesvae.analysis.metrics.ReconstructionError;
import dev.shapesvae.analysis.metrics.SeparatedAttributePredictability;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.DatasetSplit;
import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.inference.Encoding;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.NearestImages;
import dev.shapesvae.repository.ModelKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Measures one model on the study's protocol: the generative metrics of each of its samplers
 * ({@link GenerativeProtocol}) beside the perfect generator's on the model's split, reconstruction,
 * and what the latent layer carries. The nearest-image search is shared between models (it holds
 * the 7824 distinct images), and so is the perfect generator's score on a split, measured once for
 * all the models fitted on it. Not for use by several threads at once.
 */
public final class ModelAnalyzer {
    /** The factors of the dataset that MIG, DCI and SAP look for in the code, in this order. */
    public static final List<String> FACTORS = List.of("shape", "size", "x", "y");

    private final ShapesDataset dataset;
    private final NearestImages search;
    private final StudyOptions options;
    private final GenerativeProtocol protocol;
    private final PerfectGenerator perfect;
    private final FloatMatrix entryImages;
    private final FloatMatrix distinctImages;
    /** The perfect generator's metrics on each split met so far: the same for every model fitted on it. */
    private final Map<DatasetSplit, GenerativeMetrics> limits = new HashMap<>();

    public ModelAnalyzer(ShapesDataset dataset, NearestImages search, StudyOptions options) {
        this.dataset = dataset;
        this.search = search;
        this.options = options;
        EntryImages entries = EntryImages.of(dataset);
        this.protocol = new GenerativeProtocol(entries, options);
        this.perfect = new PerfectGenerator(entries);
        this.entryImages = new FloatMatrix(dataset.entries().size(), Canvas.PIXELS,
                dataset.pixels(dataset.entries().stream().mapToInt(ShapeEntry::distinctIndex).toArray()));
        this.distinctImages = new FloatMatrix(dataset.distinctImages().size(), Canvas.PIXELS, dataset.pixels(dataset.allDistinct()));
    }

    /** The ways the study generates images with {@code model}, each reported on its own. */
    static List<Sampler> samplers(GenerativeModel model) {
        return model.samplers().stream().map(name -> Sampler.of(model, name)).toList();
    }

    /** Runs every measurement; {@code stage} is told the name of each stage as it starts. */
    public ModelStudy analyse(GenerativeModel model, Consumer<String> stage) {
        DatasetSplit split = ModelSplit.of(dataset, model.bundle());
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();
        stage.accept("protocol limit");
        GenerativeMetrics limit = limits.computeIfAbsent(split, s -> protocol.measure(perfect, s));
        t = lap(seconds, "protocol limit", t);

        stage.accept("generative metrics");
        List<SamplerStudy> samplers = new ArrayList<>();
        for (Sampler sampler : samplers(model)) {
            ImageMatches matches = (count, seed) -> search.nearest(sampler.draw().probs(count, seed));
            samplers.add(SamplerStudy.of(sampler.name(), protocol.measure(matches, split), limit));
        }
        t = lap(seconds, "generative metrics", t);

        stage.accept("reconstruction");
        double[] distinctBits = ReconstructionError.perImageBits(model.reconstruct(distinctImages).logits(), distinctImages);
        double[] entryBits = new double[dataset.entries().size()];
        for (ShapeEntry e : dataset.entries()) {
            entryBits[e.index()] = distinctBits[e.distinctIndex()];
        }
        t = lap(seconds, "reconstruction", t);

        stage.accept("latent analysis");
        Encoding encoded = model.encode(distinctImages);
        FloatMatrix entryLatents = model.encode(entryImages).z();
        double[] rate = rate(model, encoded, false);
        // The report's form differs from ours for the AE only (it divided by sigma_n); the VAE's KL is the same.
        double[] reportRate = model.kind() == ModelKind.AE ? rate(model, encoded, true) : rate;
        LatentCorrelations correlations = LatentCorrelations.of(entryLatents, LatentCorrelations.features(dataset.entries()));
        LabelledCodes codes = new LabelledCodes(entryLatents, factors());
        MutualInformationGap mig = MutualInformationGap.of(entryLatents, codes.factors(), options.migBins());
        t = lap(seconds, "latent analysis", t);

        stage.accept("disentanglement (DCI, SAP)");
        LabelledCodes train = codes.rows(entriesOf(split.train()));
        LabelledCodes heldOut = codes.rows(entriesOf(split.validation()));
        Dci dci = Dci.of(train, heldOut);
        SeparatedAttributePredictability sap = SeparatedAttributePredictability.of(train, heldOut);
        lap(seconds, "disentanglement (DCI, SAP)", t);

        LatentFindings latent = new LatentFindings(rate, InformationRate.total(rate), reportRate, InformationRate.total(reportRate),
                correlations, mig, dci, sap, entryLatents);
        return new ModelStudy(model.bundle(), split, samplers, limit, ReconstructionError.mean(distinctBits),
                ReconstructionError.reportCompatible(entryBits, options.reportBatch()), latent, seconds);
    }

    /** The information rate per dimension: the AE's through its noise (or in the report's form), the VAE's KL. */
    private static double[] rate(GenerativeModel model, Encoding encoded, boolean reportForm) {
        if (model.kind() == ModelKind.AE) {
            double sigmaN = model.bundle().manifest().config().hyperparameters().latentNoise();
            return reportForm ? InformationRate.autoencoderReportCompatible(encoded.z(), sigmaN)
                    : InformationRate.autoencoder(encoded.z(), sigmaN);
        }
        return InformationRate.variational(encoded.z(), encoded.logvar().orElseThrow());
    }

    /** Shape, size, x and y of every entry, in {@link #FACTORS} order. */
    private List<int[]> factors() {
        List<ShapeEntry> all = dataset.entries();
        return List.of(all.stream().mapToInt(e -> e.shape().ordinal()).toArray(), all.stream().mapToInt(ShapeEntry::size).toArray(),
                all.stream().mapToInt(ShapeEntry::x).toArray(), all.stream().mapToInt(ShapeEntry::y).toArray());
    }

    /** The entries whose image is one of {@code images}, in canonical order. */
    private int[] entriesOf(int[] images) {
        boolean[] chosen = new boolean[dataset.distinctImages().size()];
        for (int image : images) {
            chosen[image] = true;
        }
        return IntStream.range(0, dataset.entries().size()).filter(e -> chosen[dataset.entries().get(e).distinctIndex()]).toArray();
    }

    private static long lap(Map<String, Double> seconds, String name, long start) {
        long now = System.nanoTime();
        seconds.put(name, (now - start) / 1e9);
        return now;
    }
}
