package dev.shapesvae.trainer.cli;

import dev.shapesvae.cli.ModelsFolder;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.TrainingHistory;
import dev.shapesvae.trainer.fit.BundleExporter;
import dev.shapesvae.trainer.fit.Checkpoints;
import dev.shapesvae.trainer.sampler.SamplerFitting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainer export}: writes a bundle from a checkpoint without training. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a checkpoint (runs/<name>/<run>/checkpoints/step-N) as the next version of models/<name>.")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "A checkpoint folder.")
    Path checkpoint;

    @Option(names = "--name", required = true, description = "Model name in the repository.")
    String name;

    @Mixin
    ModelsFolder models;

    @Mixin
    GmmOptions gmm;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelRepository.checkName(name);
        SamplerFitting samplers = gmm.fitting(System.err);
        if (!Files.isDirectory(checkpoint)) {
            throw new IllegalArgumentException("--checkpoint " + checkpoint + ": no such folder");
        }
        Checkpoints.Saved saved = Checkpoints.load(checkpoint);
        Path historyFile = checkpoint.toAbsolutePath().getParent().getParent().resolve(TrainingHistory.FILE_NAME);
        byte[] history = new TrainingHistory(historyFile).csvUpTo(saved.state().epochsDone());
        ModelBundle bundle = BundleExporter.exportCheckpoint(saved, history, models.forWriting(), name, samplers);
        spec.commandLine().getOut().println(bundle.directory());
        return 0;
    }
}
