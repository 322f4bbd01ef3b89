package dev.shapesvae.trainer.cli;

import dev.shapesvae.cli.DeviceOption;
import dev.shapesvae.cli.ModelsFolder;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.trainer.config.ConfigOverrides;
import dev.shapesvae.trainer.config.ConfigResolver;
import dev.shapesvae.trainer.config.Presets;
import dev.shapesvae.trainer.fit.FitJob;
import dev.shapesvae.trainer.model.Device;
import dev.shapesvae.trainer.model.ModelFootprint;
import dev.shapesvae.trainer.sampler.SamplerFitting;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainer fit}: trains a model from a preset, a config file and flags, and writes a bundle. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model and write it as the next version of models/<name>.",
            "Presets: paper-vae, paper-ae (the report's Table II), paper-ae-lr0.0003-e400 and -e600",
            "(paper-ae with lr 0.0003 and 400 or 600 epochs), quick-vae, quick-ae (about a minute on 2 CPU cores).",
            "Ctrl-C writes a checkpoint and exits; --resume continues it.",
            "After training, the gmm latent sampler is fitted to the training codes and stored with the model (--no-gmm: the prior only)."})
public final class FitCommand implements Callable<Integer> {
    /** The flags that choose which run to resume, or how, without changing the model. */
    // Where the run and its model live, how it runs, what it prints, and which sampler is stored
    // beside the model: nothing that changes the model.
    private static final Set<String> RESUMABLE = Set.of("--name", "--models", "--runs", "--resume", "--device", "--checkpoint-every", "--verbose",
            "--gmm", "--gmm-components");

    @Option(names = "--preset", description = "Starting configuration (default: the config file's, else quick-vae).")
    Optional<String> preset;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of fields laid over the preset (same names as config.yaml).")
    Optional<Path> config;

    @Option(names = "--name", required = true, description = "Model name in the repository ([a-z0-9][a-z0-9._-]*).")
    String name;

    @Mixin
    ModelsFolder models;

    @Option(names = "--runs", defaultValue = "runs", description = "Folder for run state: config, history, checkpoints (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Mixin
    DeviceOption device;

    @Option(names = "--resume", description = "Continue the newest run of --name from its latest checkpoint.")
    boolean resume;

    @Option(names = "--checkpoint-every", defaultValue = "10", paramLabel = "EPOCHS", description = "Epochs between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Mixin
    GmmOptions gmm;

    @Option(names = "--latent", paramLabel = "L", description = "Latent dimension.")
    Optional<Integer> latent;

    @Option(names = "--encoder-hidden", split = ",", paramLabel = "W", description = "Encoder hidden widths, e.g. 1000,1000,500.")
    List<Integer> encoderHidden;

    @Option(names = "--decoder-hidden", split = ",", paramLabel = "W", description = "Decoder hidden widths.")
    List<Integer> decoderHidden;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout rate after each hidden activation, in [0, 1).")
    Optional<Double> dropout;

    @Option(names = "--layer-norm", negatable = true, description = "Layer normalisation before each hidden activation.")
    Optional<Boolean> layerNorm;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate.")
    Optional<Double> learningRate;

    @Option(names = "--batch-size", paramLabel = "N", description = "Minibatch size.")
    Optional<Integer> batchSize;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs.")
    Optional<Integer> epochs;

    @Option(names = {"--beta", "--lambda", "--reg-weight"}, paramLabel = "W", description = "Regularisation weight: beta (VAE) or lambda (AE).")
    Optional<Double> regularisationWeight;

    @Option(names = "--sigma-n", paramLabel = "S", description = "AE latent noise standard deviation.")
    Optional<Double> sigmaN;

    @Option(names = "--mmd-bandwidths", split = ",", paramLabel = "B", description = "AE MMD kernel bandwidths, e.g. 0.5,1,3,5.")
    List<Double> mmdBandwidths;

    @Option(names = "--seed", description = "Seed of every random choice: split, initial weights, shuffling, noise.")
    Optional<Long> seed;

    @Option(names = "--validate-every", paramLabel = "EPOCHS", description = "Epochs between validation passes.")
    Optional<Integer> validateEvery;

    @Option(names = "--precision", paramLabel = "P", description = "Arithmetic of the training step: " + PrecisionFlag.CHOICES
            + " (every preset is fp32). The exported model is float32 either way.")
    Optional<String> precision;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (checkpointEvery <= 0) {
            throw new IllegalArgumentException("--checkpoint-every must be positive, got " + checkpointEvery);
        }
        ModelConfig effective = null;
        if (resume) {
            refuseModelFlags();
        } else {
            preset.ifPresent(Presets::get);
            effective = ConfigResolver.resolve(preset, config, new ConfigOverrides(latent, Optional.ofNullable(encoderHidden),
                    Optional.ofNullable(decoderHidden), dropout, layerNorm, learningRate, batchSize, epochs, regularisationWeight, sigmaN,
                    Optional.ofNullable(mmdBandwidths), seed, validateEvery, precision.map(PrecisionFlag::parse)));
            // Before the device is chosen: probing for a GPU already starts TensorFlow.
            ModelFootprint.of(effective).requireFitsOnThisMachine();
        }
        SamplerFitting samplers = gmm.fitting(System.err);
        Device chosen = Device.choose(device.text());
        FitJob job = new FitJob(models.forWriting(), name, runs, checkpointEvery, samplers, System.err);

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                // Let the training loop write its checkpoint before the JVM goes.
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "checkpoint-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Optional<ModelBundle> bundle = resume ? job.resume(chosen, stop::get) : job.fresh(effective, chosen, stop::get);
            bundle.ifPresent(b -> spec.commandLine().getOut().println(b.directory()));
            return bundle.isPresent() ? 0 : 130;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting through the hook
            }
        }
    }

    /** A resumed run keeps the config it started with; a flag that would change it is refused rather than ignored. */
    private void refuseModelFlags() {
        List<String> given = spec.commandLine().getParseResult().matchedOptions().stream()
                .filter(option -> !RESUMABLE.contains(option.longestName()))
                .map(option -> String.join("/", option.names()))
                .toList();
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("--resume continues a run with the config it started with, so " + String.join(", ", given)
                    + (given.size() == 1 ? " is" : " are") + " refused; with --resume only --device, --checkpoint-every and the gmm flags may change");
        }
    }
}
