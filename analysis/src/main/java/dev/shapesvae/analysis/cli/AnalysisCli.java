package dev.shapesvae.analysis.cli;

import dev.shapesvae.cli.Cli;
import dev.shapesvae.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bin/analysis}: the dataset, metrics, figures and the report. */
@Command(name = "analysis", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Measure the dataset and what the models learned.",
        subcommands = {DatasetCommand.class, ReportCommand.class})
public final class AnalysisCli implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    public static void main(String[] args) {
        Cli.main(new AnalysisCli(), args);
    }
}
