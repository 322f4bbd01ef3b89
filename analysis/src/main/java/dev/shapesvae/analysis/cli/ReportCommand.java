package dev.shapesvae.analysis.cli;

import dev.shapesvae.analysis.report.StudyReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code analysis report}: the whole study on bundles of the repository, as an HTML report with figures. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure models on the study's protocol and write index.html, report.md, metrics.json, CSVs and PNGs.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Report folder; replaced if it holds an earlier report, refused if it holds anything else.")
    Path out;

    @Mixin
    StudyArguments study;

    @Override
    public Integer call() throws Exception {
        new StudyReport(study.options(), study.inference(), System.err).write(study.bundles(), out);
        System.out.println(out.toAbsolutePath().normalize().resolve("index.html"));
        return 0;
    }
}
