package dev.shapesvae.analysis.report;

import dev.shapesvae.analysis.study.ModelAnalyzer;
import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.analysis.study.StudyOptions;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.image.Png;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.inference.NearestImages;
import dev.shapesvae.repository.ModelBundle;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Produces the whole report for a list of bundles: measures each model, draws its figures, writes the documents. */
public final class StudyReport {
    private final StudyOptions options;
    private final InferenceOptions inference;
    private final PrintStream log;

    public StudyReport(StudyOptions options, InferenceOptions inference, PrintStream log) {
        this.options = options;
        this.inference = inference;
        this.log = log;
    }

    /** Writes the report into {@code out} atomically; returns the report's data. */
    public Report write(List<ModelBundle> bundles, Path out) throws IOException {
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("no models to report on");
        }
        ReportFolder folder = ReportFolder.open(out);
        try {
            Report report = build(bundles, folder.staging());
            folder.commit();
            return report;
        } catch (IOException | RuntimeException e) {
            folder.abandon();
            throw e;
        }
    }

    private Report build(List<ModelBundle> bundles, Path dir) throws IOException {
        ShapesDataset dataset = ShapesDataset.standard();
        List<ModelStudy> studies = new ArrayList<>();
        Map<String, Map<String, String>> figures = new LinkedHashMap<>();
        long start = System.nanoTime();
        try (NearestImages search = new NearestImages(dataset.distinctImages())) {
            ModelAnalyzer analyzer = new ModelAnalyzer(dataset, search, options);
            ModelFigures drawer = new ModelFigures(dataset, search, options.seed());
            for (int i = 0; i < bundles.size(); i++) {
                ModelBundle bundle = bundles.get(i);
                String step = "[" + (i + 1) + "/" + bundles.size() + "] " + bundle.name() + " v" + bundle.version();
                try (GenerativeModel model = GenerativeModel.load(bundle, inference)) {
                    ModelStudy study = analyzer.analyse(model, stage -> log.printf("%s: %s (%s elapsed)%n", step, stage,
                            dev.shapesvae.cli.ProgressBar.duration((System.nanoTime() - start) / 1e9)));
                    log.printf("%s: figures%n", step);
                    long t = System.nanoTime();
                    Map<String, String> files = new LinkedHashMap<>(drawer.draw(model, bundle.name(), dir, bundle.name(), study.latent().entryLatents()));
                    files.put("Pearson correlation of each latent dimension with the features", heatmap(dir, bundle.name() + "-pearson.png",
                            bundle.name() + ": Pearson correlation", study.latent().correlations().pearson(), study.latent().correlations().features()));
                    files.put("Spearman correlation of each latent dimension with the features", heatmap(dir, bundle.name() + "-spearman.png",
                            bundle.name() + ": Spearman correlation", study.latent().correlations().spearman(), study.latent().correlations().features()));
                    Map<String, Double> seconds = new LinkedHashMap<>(study.stageSeconds());
                    seconds.put("figures", (System.nanoTime() - t) / 1e9);
                    studies.add(study.withStageSeconds(seconds));
                    figures.put(bundle.name(), files);
                }
            }
        }
        Report report = new Report(options, studies, figures);
        ReportWriter.write(report, dir);
        log.printf("report done in %s%n", dev.shapesvae.cli.ProgressBar.duration((System.nanoTime() - start) / 1e9));
        return report;
    }

    private static String heatmap(Path dir, String file, String title, double[][] values, List<String> features) throws IOException {
        Png.write(Charts.heatmap(title, values, features), dir.resolve(file));
        return file;
    }
}
