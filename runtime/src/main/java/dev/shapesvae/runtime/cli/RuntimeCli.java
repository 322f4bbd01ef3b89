package dev.shapesvae.runtime.cli;

import dev.shapesvae.cli.Cli;
import dev.shapesvae.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bin/runtime}: the model repository and (with later subcommands) inference over ONNX Runtime. */
@Command(name = "runtime", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Load the model repository with ONNX Runtime.",
        subcommands = {ModelsCommand.class, SampleCommand.class, ServeCommand.class, BenchCommand.class})
public final class RuntimeCli implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    public static void main(String[] args) {
        Cli.main(new RuntimeCli(), args);
    }
}
