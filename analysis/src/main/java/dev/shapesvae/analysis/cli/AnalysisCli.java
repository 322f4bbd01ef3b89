package dev.shapesvae.analysis.cli;

import dev.shapesvae.cli.Cli;
import dev.shapesvae.cli.CommandGroup;
import dev.shapesvae.cli.VersionProvider;
import dev.shapesvae.inference.GenerativeModel;
import picocli.CommandLine.Command;

/** {@code bin/analysis}: the dataset, metrics, figures and the report. */
@Command(name = "analysis", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Measure the dataset and what the models learned.",
        subcommands = {DatasetCommand.class, ReportCommand.class, BenchCommand.class})
public final class AnalysisCli extends CommandGroup implements Cli.BeforeCommand {
    public static void main(String[] args) {
        Cli.main(new AnalysisCli(), args);
    }

    @Override
    public void beforeCommand() {
        GenerativeModel.limitOnnxRuntimeLogs();
    }
}
