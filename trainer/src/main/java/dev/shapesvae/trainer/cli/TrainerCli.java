package dev.shapesvae.trainer.cli;

import dev.shapesvae.cli.Cli;
import dev.shapesvae.cli.CommandGroup;
import dev.shapesvae.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** {@code bin/trainer}: fit models with TensorFlow Java and export them to ONNX. */
// INHERIT: every subcommand gets the same --help and --version, so "trainer fit --version" prints the program's version.
@Command(name = "trainer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, scope = ScopeType.INHERIT,
        description = "Fit the VAE and the MMD autoencoder with TensorFlow Java; export them to ONNX.",
        subcommands = {FitCommand.class, FitSamplerCommand.class, ExportCommand.class, BenchCommand.class})
public final class TrainerCli extends CommandGroup {
    public static void main(String[] args) {
        Cli.main(new TrainerCli(), args);
    }
}
