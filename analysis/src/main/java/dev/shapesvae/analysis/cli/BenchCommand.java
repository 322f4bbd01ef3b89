package dev.shapesvae.analysis.cli;

import dev.shapesvae.analysis.report.Report;
import dev.shapesvae.analysis.report.StudyReport;
import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.io.FileTrees;
import dev.shapesvae.repository.ModelBundle;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code analysis bench}: writes the whole report {@code --repeat} times into a scratch folder and
 * prints the time of each stage per model (median and fastest run) and of the whole report.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time each stage of the report (protocol limit, generative metrics, reconstruction, latent analysis,",
            "disentanglement (DCI, SAP), figures) per model;",
            "the report is written to a scratch folder and deleted."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--repeat", defaultValue = "3", description = "Whole reports to time (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Mixin
    StudyArguments study;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        List<ModelBundle> bundles = study.bundles();
        Map<String, List<Double>> stageSeconds = new LinkedHashMap<>();
        List<Double> totals = new ArrayList<>();
        Path scratch = Files.createTempDirectory("shapes-vae-bench-");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try {
            for (int run = 1; run <= repeat; run++) {
                System.err.printf("run %d/%d ...%n", run, repeat);
                long start = System.nanoTime();
                Report report = new StudyReport(study.options(), study.inference(), quiet).write(bundles, scratch.resolve("report-" + run));
                totals.add((System.nanoTime() - start) / 1e9);
                for (ModelStudy s : report.studies()) {
                    s.stageSeconds().forEach((stage, seconds) ->
                            stageSeconds.computeIfAbsent(s.bundle().name() + " | " + stage, k -> new ArrayList<>()).add(seconds));
                }
            }
        } finally {
            FileTrees.deleteRecursively(scratch);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d cores, %d seeds, %d runs%n", Runtime.getRuntime().availableProcessors(), study.seeds, repeat);
        out.printf(Locale.ROOT, "%-44s %10s %10s%n", "model | stage", "median s", "best s");
        stageSeconds.forEach((stage, seconds) -> out.printf(Locale.ROOT, "%-44s %10.2f %10.2f%n", stage, median(seconds), min(seconds)));
        out.printf(Locale.ROOT, "%-44s %10.2f %10.2f%n", "whole report (incl. writing)", median(totals), min(totals));
        out.flush();
        return 0;
    }

    private static double median(List<Double> values) {
        return statistics(values).getPercentile(50);
    }

    private static double min(List<Double> values) {
        return statistics(values).getMin();
    }

    private static DescriptiveStatistics statistics(List<Double> values) {
        return new DescriptiveStatistics(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
