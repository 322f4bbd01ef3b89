package dev.shapesvae.runtime.cli;

import dev.shapesvae.cli.Cli;
import dev.shapesvae.cli.CommandGroup;
import dev.shapesvae.cli.VersionProvider;
import dev.shapesvae.inference.GenerativeModel;
import picocli.CommandLine.Command;

/** {@code bin/runtime}: the model repository and (with later subcommands) inference over ONNX Runtime. */
@Command(name = "runtime", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Load the model repository with ONNX Runtime.",
        subcommands = {ModelsCommand.class, SampleCommand.class, ServeCommand.class, BenchCommand.class, ExportTritonCommand.class})
public final class RuntimeCli extends CommandGroup implements Cli.BeforeCommand {
    public static void main(String[] args) {
        Cli.main(new RuntimeCli(), args);
    }

    @Override
    public void beforeCommand() {
        GenerativeModel.limitOnnxRuntimeLogs();
    }
}
