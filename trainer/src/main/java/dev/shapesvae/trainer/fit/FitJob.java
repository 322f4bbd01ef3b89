package dev.shapesvae.trainer.fit;

import dev.shapesvae.dataset.DatasetSplit;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.repository.LossValues;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.trainer.config.ConfigResolver;
import dev.shapesvae.trainer.model.Device;
import dev.shapesvae.trainer.model.ModelGraph;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One {@code trainer fit}: checks that the bundle can be written, prepares the run folder
 * ({@code <runs>/<name>/<timestamp>/}: config, history, checkpoints), trains or resumes, and
 * exports the finished model into the repository.
 */
public final class FitJob {
    /** Share of the distinct images used for training (SPEC section 1). */
    public static final double TRAIN_FRACTION = 0.9;

    private final ModelRepository repository;
    private final String name;
    private final Path runsRoot;
    private final int checkpointEvery;
    private final PrintStream log;

    public FitJob(ModelRepository repository, String name, Path runsRoot, int checkpointEvery, PrintStream log) {
        this.repository = repository;
        this.name = ModelRepository.checkName(name);
        this.runsRoot = runsRoot;
        this.checkpointEvery = checkpointEvery;
        this.log = log;
    }

    /** Trains a new model; returns the written bundle, or empty if stopped early. */
    public Optional<ModelBundle> fresh(ModelConfig config, Device device, BooleanSupplier stop) throws IOException {
        checkWritable();
        Path run = runsRoot.resolve(name).resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        while (Files.exists(run)) {
            run = run.resolveSibling(run.getFileName() + "-1");
        }
        Files.createDirectories(run);
        Files.writeString(run.resolve("config.yaml"), ConfigResolver.toYaml(config), StandardCharsets.UTF_8);
        History history = new History(run.resolve("history.csv"));
        history.start();
        LossValues zero = new LossValues(0, 0, 0);
        CheckpointState start = new CheckpointState(config, config.hyperparameters().seed(), TRAIN_FRACTION, 0, 0, 0, 0,
                zero, 0, zero, zero);
        return train(run, start, Optional.empty(), device, history, stop);
    }

    /** Continues the newest run of this model name from its latest checkpoint. */
    public Optional<ModelBundle> resume(Device device, BooleanSupplier stop) throws IOException {
        checkWritable();
        Path run = newestRun().orElseThrow(() -> new IllegalArgumentException(
                "--resume: no run of '" + name + "' under " + runsRoot.resolve(name)));
        Checkpoints.Saved saved = new Checkpoints(run).latest().orElseThrow(() -> new IllegalArgumentException(
                "--resume: run " + run + " has no checkpoint"));
        CheckpointState state = saved.state();
        log.printf("resuming %s from %s (epoch %d, step %d)%n", run, saved.directory(), state.epochsDone(), state.step());
        History history = new History(run.resolve("history.csv"));
        history.truncateAfter(state.epochsDone());
        return train(run, state, Optional.of(saved), device, history, stop);
    }

    private Optional<ModelBundle> train(Path run, CheckpointState start, Optional<Checkpoints.Saved> restoreFrom, Device device,
            History history, BooleanSupplier stop) throws IOException {
        ModelConfig config = start.config();
        log.println("run folder: " + run);
        log.println("device: " + device.label());
        log.print("config:\n" + indent(ConfigResolver.toYaml(config)));
        try (ModelGraph graph = graph(config, start, device)) {
            restoreFrom.ifPresent(saved -> saved.restoreInto(graph));
            log.printf("parameters: %,d%n", graph.parameterCount());
            Trainer trainer = new Trainer(graph, trainRows(start), validRows(start), history, new Checkpoints(run), checkpointEvery, log);
            TrainingOutcome outcome = trainer.run(start, stop);
            if (!outcome.completed()) {
                return Optional.empty();
            }
            CheckpointState end = Checkpoints.load(outcome.checkpoint()).state();
            ModelBundle bundle = BundleExporter.export(graph, end, device.label(), outcome.samplesPerSecond(), history.bytesUpTo(end.epochsDone()), repository, name);
            log.printf("trained %d epochs in %.1f s (%.0f samples/s); wrote %s%n", outcome.epochsDone(), outcome.trainSeconds(),
                    outcome.samplesPerSecond(), bundle.directory());
            return Optional.of(bundle);
        }
    }

    /** Builds the graph with the split a checkpoint state records. */
    public static ModelGraph graph(ModelConfig config, CheckpointState state, Device device) {
        ShapesDataset dataset = ShapesDataset.standard();
        DatasetSplit split = dataset.split(state.splitSeed(), state.trainFraction());
        return new ModelGraph(config, dataset.pixels(split.train()), dataset.pixels(split.validation()), device);
    }

    /** Training rows of the split a state records. */
    public static int trainRows(CheckpointState state) {
        return ShapesDataset.standard().split(state.splitSeed(), state.trainFraction()).train().length;
    }

    private static int validRows(CheckpointState state) {
        return ShapesDataset.standard().split(state.splitSeed(), state.trainFraction()).validation().length;
    }

    private Optional<Path> newestRun() throws IOException {
        Path dir = runsRoot.resolve(name);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(dir)) {
            List<Path> sorted = runs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
            return sorted.stream().findFirst();
        }
    }

    /** Fails before any training if the bundle could not be written at the end. */
    private void checkWritable() throws IOException {
        Path root = repository.root();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IllegalArgumentException("--models " + root + ": cannot create the model repository folder (" + e + ")");
        }
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new IllegalArgumentException("--models " + root + ": not a writable folder");
        }
        repository.modelNames();
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    }
}
