package dev.shapesvae.trainer.cli;

import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.trainer.fit.BundleExporter;
import dev.shapesvae.trainer.fit.CheckpointState;
import dev.shapesvae.trainer.fit.Checkpoints;
import dev.shapesvae.trainer.fit.FitJob;
import dev.shapesvae.trainer.fit.History;
import dev.shapesvae.trainer.model.Device;
import dev.shapesvae.trainer.model.ModelGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trainer export}: writes a bundle from a checkpoint without training. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a checkpoint (runs/<name>/<run>/checkpoints/step-N) as the next version of models/<name>.")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "A checkpoint folder.")
    Path checkpoint;

    @Option(names = "--name", required = true, description = "Model name in the repository.")
    String name;

    @Option(names = "--models", defaultValue = "models", description = "Model repository folder (default: ${DEFAULT-VALUE}).")
    Path models;

    @Override
    public Integer call() throws Exception {
        ModelRepository.checkName(name);
        if (!Files.isDirectory(checkpoint)) {
            throw new IllegalArgumentException("--checkpoint " + checkpoint + ": no such folder");
        }
        Checkpoints.Saved saved = Checkpoints.load(checkpoint);
        CheckpointState state = saved.state();
        Path historyFile = checkpoint.toAbsolutePath().getParent().getParent().resolve("history.csv");
        if (!Files.exists(historyFile)) {
            throw new IllegalArgumentException(historyFile + ": the run's history is missing");
        }
        byte[] history = new History(historyFile).bytesUpTo(state.epochsDone());
        try (ModelGraph graph = FitJob.graph(state.config(), state, Device.CPU)) {
            saved.restoreInto(graph);
            // Only wall time is known here, validation included, so this rate is a lower bound.
            double rate = state.trainSeconds() > 0 ? (double) state.epochsDone() * FitJob.trainRows(state) / state.trainSeconds() : 0;
            ModelBundle bundle = BundleExporter.export(graph, state, "unknown (exported from checkpoint)", rate, history,
                    new ModelRepository(models), name);
            System.out.println(bundle.directory());
        }
        return 0;
    }
}
