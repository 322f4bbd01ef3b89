package dev.shapesvae.trainer.cli;

import dev.shapesvae.cli.Cli;
import dev.shapesvae.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bin/trainer}: fit models with TensorFlow Java and export them to ONNX. */
@Command(name = "trainer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Fit the VAE and the MMD autoencoder with TensorFlow Java; export them to ONNX.",
        subcommands = {FitCommand.class, ExportCommand.class, BenchCommand.class})
public final class TrainerCli implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    public static void main(String[] args) {
        Cli.main(new TrainerCli(), args);
    }
}
