package dev.shapesvae.trainer.fit;

import dev.shapesvae.io.AtomicFiles;
import dev.shapesvae.io.FileProblems;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.TrainingHistory;
import dev.shapesvae.trainer.config.ConfigResolver;
import dev.shapesvae.trainer.data.TrainingData;
import dev.shapesvae.trainer.model.Device;
import dev.shapesvae.trainer.model.ModelFootprint;
import dev.shapesvae.trainer.model.ModelGraph;
import dev.shapesvae.trainer.sampler.SamplerFitting;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One {@code trainer fit}: checks that the model fits and that the bundle can be written, prepares
 * the run folder ({@code <runs>/<name>/<timestamp>/}: config, history, checkpoints), trains or
 * resumes, exports the finished model with its samplers into the repository and marks the run as exported.
 */
public final class FitJob {
    private static final String CONFIG = "config.yaml";
    /** Written into a run folder once its model is in the repository; holds the bundle's folder. */
    private static final String EXPORTED = "exported";

    private final ModelRepository repository;
    private final String name;
    private final Path runsRoot;
    private final int checkpointEvery;
    private final SamplerFitting samplers;
    private final PrintStream log;

    public FitJob(ModelRepository repository, String name, Path runsRoot, int checkpointEvery, SamplerFitting samplers, PrintStream log) {
        this.repository = repository;
        this.name = ModelRepository.checkName(name);
        this.runsRoot = runsRoot;
        this.checkpointEvery = checkpointEvery;
        this.samplers = samplers;
        this.log = log;
    }

    /** Trains a new model; returns the written bundle, or empty if stopped early. */
    public Optional<ModelBundle> fresh(ModelConfig config, Device device, BooleanSupplier stop) throws IOException {
        ModelFootprint.of(config).requireFitsOnThisMachine();
        checkWritable();
        Path run = createRunFolder();
        TrainingHistory history = new TrainingHistory(run.resolve(TrainingHistory.FILE_NAME));
        history.start();
        return train(run, CheckpointState.start(config, TrainingData.TRAIN_FRACTION), Optional.empty(), device, history, stop);
    }

    /**
     * Continues the newest run of this model name that has a checkpoint, from that checkpoint. A run
     * that had finished training is not trained again: its bundle is returned if it was exported,
     * else (it was stopped during the export) its last checkpoint is exported now.
     */
    public Optional<ModelBundle> resume(Device device, BooleanSupplier stop) throws IOException {
        checkWritable();
        Path run = newestRunWithCheckpoint();
        Checkpoints.Saved saved = new Checkpoints(run).latest().orElseThrow();
        CheckpointState state = saved.state();
        TrainingHistory history = new TrainingHistory(run.resolve(TrainingHistory.FILE_NAME));
        if (saved.finished()) {
            return Optional.of(finish(run, saved, history));
        }
        log.printf("resuming %s from %s (epoch %d, step %d)%n", run, saved.directory(), state.epochsDone(), state.step());
        history.keepUpTo(state.epochsDone());
        return train(run, state, Optional.of(saved), device, history, stop);
    }

    private ModelBundle finish(Path run, Checkpoints.Saved saved, TrainingHistory history) throws IOException {
        int epochs = saved.state().epochsDone();
        Optional<ModelBundle> exported = exportedBundle(run);
        if (exported.isPresent()) {
            log.printf("run %s is complete: it trained all %d epochs and was exported as %s; nothing to resume%n",
                    run, epochs, exported.get().directory());
            return exported.get();
        }
        log.printf("run %s trained all %d epochs but was not exported (stopped during the export); exporting %s%n",
                run, epochs, saved.directory());
        ModelBundle bundle = BundleExporter.exportCheckpoint(saved, history.csvUpTo(epochs), repository, name, samplers);
        markExported(run, bundle);
        log.printf("wrote %s%n", bundle.directory());
        return bundle;
    }

    private Optional<ModelBundle> train(Path run, CheckpointState start, Optional<Checkpoints.Saved> restoreFrom, Device device,
            TrainingHistory history, BooleanSupplier stop) throws IOException {
        ModelConfig config = start.config();
        Path configFile = run.resolve(CONFIG);
        AtomicFiles.writeString(configFile, ConfigResolver.toYaml(config));
        log.printf(Locale.ROOT, "run %s on %s: %s; %,d parameters (full config: %s)%n", run, device.label(), summary(config),
                ModelFootprint.of(config).parameters(), configFile);
        TrainingData data = TrainingData.split(start.splitSeed(), start.trainFraction());
        try (ModelGraph graph = new ModelGraph(config, data, device)) {
            restoreFrom.ifPresent(saved -> saved.restoreInto(graph));
            Trainer trainer = new Trainer(graph, data, history, new Checkpoints(run), checkpointEvery, log);
            TrainingOutcome outcome = trainer.run(start, stop);
            if (!outcome.completed()) {
                return Optional.empty();
            }
            CheckpointState end = outcome.state();
            ModelBundle bundle = BundleExporter.export(graph, data, end, device.label(), outcome.samplesPerSecond(),
                    history.csvUpTo(end.epochsDone()), repository, name, samplers);
            markExported(run, bundle);
            log.printf(Locale.ROOT, "trained %d epochs in %.1f s (%.0f samples/s) in %s; wrote %s%n", end.epochsDone(), end.trainSeconds(),
                    outcome.samplesPerSecond(), config.hyperparameters().precision().label(), bundle.directory());
            return Optional.of(bundle);
        }
    }

    /** "vae, latent 16, encoder 512,256, decoder 256,512, 150 epochs of batch 128, lr 0.001, seed 1, fp32". */
    private static String summary(ModelConfig config) {
        Hyperparameters hp = config.hyperparameters();
        return String.format(Locale.ROOT, "%s, latent %d, encoder %s, decoder %s, %d epochs of batch %d, lr %s, seed %d, %s",
                config.kind().label(), config.latentDim(), widths(config.architecture().encoderHidden()),
                widths(config.architecture().decoderHidden()), hp.epochs(), hp.batchSize(), hp.learningRate(), hp.seed(),
                hp.precision().label());
    }

    private static String widths(List<Integer> widths) {
        return widths.isEmpty() ? "none" : widths.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private Path createRunFolder() {
        Path run = runsRoot.resolve(name).resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        while (Files.exists(run)) {
            run = run.resolveSibling(run.getFileName() + "-1");
        }
        try {
            return Files.createDirectories(run);
        } catch (IOException e) {
            throw new IllegalArgumentException("--runs " + runsRoot + ": cannot create the run folder (" + FileProblems.describe(e)
                    + "); give a writable folder with --runs", e);
        }
    }

    /**
     * The newest run that has a checkpoint. Run folders are named by their start time, so the
     * newest sorts last; a newer run that was stopped before its first checkpoint is passed over.
     */
    private Path newestRunWithCheckpoint() {
        Path dir = runsRoot.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--resume: no run of '" + name + "' under " + dir);
        }
        List<Path> runs;
        try (Stream<Path> list = Files.list(dir)) {
            runs = list.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("--runs " + runsRoot + ": cannot list the runs of '" + name + "' ("
                    + FileProblems.describe(e) + ")", e);
        }
        return runs.stream().filter(run -> new Checkpoints(run).any()).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "--resume: no run of '" + name + "' under " + dir + " has a checkpoint yet (the first is written after --checkpoint-every "
                        + "epochs); start a new run without --resume"));
    }

    private void markExported(Path run, ModelBundle bundle) throws IOException {
        AtomicFiles.writeString(run.resolve(EXPORTED), bundle.directory().toString());
    }

    /**
     * The bundle this run was exported as, if it is still a version of this model in this
     * repository; one deleted since, or in another repository, counts as not exported.
     */
    private Optional<ModelBundle> exportedBundle(Path run) throws IOException {
        Path marker = run.resolve(EXPORTED);
        if (!Files.exists(marker)) {
            return Optional.empty();
        }
        Path bundle = Path.of(Files.readString(marker, StandardCharsets.UTF_8).trim());
        String version = bundle.getFileName() == null ? "" : bundle.getFileName().toString();
        if (!Files.isDirectory(bundle) || !repository.root().resolve(name).equals(bundle.getParent()) || !version.matches("[1-9][0-9]{0,8}")) {
            return Optional.empty();
        }
        return Optional.of(repository.load(name, Integer.parseInt(version)));
    }

    /** Fails before any training if the bundle could not be written at the end. */
    private void checkWritable() throws IOException {
        Path root = repository.root();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IllegalArgumentException("--models " + root + ": cannot create the model repository folder (" + FileProblems.describe(e) + ")", e);
        }
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new IllegalArgumentException("--models " + root + ": not a writable folder");
        }
        repository.modelNames();
    }
}
