package dev.shapesvae.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import ai.onnx.proto.OnnxMl;
import dev.shapesvae.inference.MixtureFit;
import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.Precision;
import dev.shapesvae.repository.SamplerEntry;
import dev.shapesvae.repository.Sha256;
import dev.shapesvae.repository.TrainingHistory;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.trainer.model.Device;
import dev.shapesvae.trainer.sampler.SamplerFitting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FitJobTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private static ModelConfig tiny(ModelKind kind, int epochs, double learningRate) {
        return new ModelConfig(kind, 3, new Architecture(List.of(16), List.of(16), 0.1, false),
                new Hyperparameters(learningRate, 1024, epochs, kind == ModelKind.VAE ? 0.65 : 0.1, kind == ModelKind.AE ? 0.2 : 0,
                        kind == ModelKind.AE ? List.of(0.5, 1.0) : List.of(), 5, 2));
    }

    private FitJob job(String runs) {
        return job(dir.resolve("models"), runs);
    }

    /** A job that fits the gmm sampler among 1, 2 and 4 components: enough to choose, quick on tiny codes. */
    private FitJob job(Path models, String runs) {
        PrintStream print = new PrintStream(log, true);
        return new FitJob(new ModelRepository(models), "m", dir.resolve(runs), 1, SamplerFitting.gmm(List.of(1, 2, 4), print), print);
    }

    /** The sha256 of a graph's nodes and weights: the file's metadata (version, training time) differs between runs. */
    private static String hash(Path file) throws IOException {
        return Sha256.hex(OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file)).getGraph().toByteArray());
    }

    private static List<String> historyWithoutTimes(Path bundle) throws IOException {
        return Files.readAllLines(bundle.resolve("history.csv")).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    private Path onlyRun() throws IOException {
        try (Stream<Path> runs = Files.list(dir.resolve("runs/m"))) {
            List<Path> all = runs.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    @Test
    void fitWritesALoadableBundleWithHistoryAndConfig() throws IOException {
        ModelBundle bundle = job("runs").fresh(tiny(ModelKind.AE, 2, 0.001), Device.CPU, () -> false).orElseThrow();
        ModelBundle loaded = new ModelRepository(dir.resolve("models")).load("m");
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.manifest().training().epochs()).isEqualTo(2);
        assertThat(loaded.manifest().training().device()).isEqualTo("cpu");
        assertThat(loaded.manifest().training().samplesPerSecond()).isPositive();
        assertThat(loaded.manifest().dataset().trainImages()).isEqualTo(7042);
        // Validated every 2 epochs and after the last: epoch 1 has no validation losses, epoch 2 has them.
        List<TrainingHistory.Row> history = new TrainingHistory(bundle.directory().resolve(TrainingHistory.FILE_NAME)).rows();
        assertThat(history).extracting(TrainingHistory.Row::epoch).containsExactly(1, 2);
        assertThat(history).extracting(row -> row.validation().isPresent()).containsExactly(false, true);
        // The file keeps six significant digits.
        assertThat(history.get(1).validation().orElseThrow().total())
                .isCloseTo(loaded.manifest().training().finalValidation().total(), withinPercentage(1e-3));
        assertThat(bundle.directory().resolve("config.yaml")).content().contains("latentDim: 3");
        assertThat(log.toString()).contains("epoch    2/2").contains("training [");
        // The gmm sampler, fitted to the trained codes and stored with the model, in one line on the log.
        assertThat(loaded.manifest().samplers()).extracting(SamplerEntry::name).containsExactly("gmm");
        MixtureFit fit = Fixtures.storedMixture(loaded).fit();
        assertThat(fit.encoderOutput()).isEqualTo("z");
        assertThat(fit.trainCodes()).isEqualTo(7042);
        assertThat(fit.validationCodes()).isEqualTo(782);
        assertThat(fit.seed()).isEqualTo(5);
        assertThat(fit.candidates()).extracting(MixtureFit.Candidate::components).containsExactly(1, 2, 4);
        assertThat(log.toString()).containsPattern("gmm sampler: \\d components?, held-out log-likelihood -?\\d+\\.\\d\\d nats per code "
                + "\\(of 1: -?\\d+\\.\\d\\d, 2: -?\\d+\\.\\d\\d, 4: -?\\d+\\.\\d\\d\\); fitted in \\d+ s");
        // One summary line on the terminal; the whole config goes to the run folder.
        Path run = onlyRun();
        assertThat(log.toString()).contains("run " + run + " on cpu: ae, latent 3, encoder 16, decoder 16, 2 epochs of batch 1024, "
                + "lr 0.001, seed 5, fp32; 26,003 parameters (full config: " + run.resolve("config.yaml") + ")").doesNotContain("hyperparameters:");
        assertThat(run.resolve("config.yaml")).content().isEqualTo(Files.readString(bundle.directory().resolve("config.yaml")));
    }

    /**
     * For both kinds: the AE draws its latent noise and prior sample each step too, and they must
     * continue where they stopped. In bf16 as well, which the resumed run takes from its checkpoint
     * (a resumed run in float32 would train other weights).
     */
    @ParameterizedTest
    @CsvSource({"VAE, FP32", "AE, FP32", "VAE, BF16", "AE, BF16"})
    void anInterruptedRunResumesToTheSameModel(ModelKind kind, Precision precision) throws IOException {
        ModelConfig fp32 = tiny(kind, 3, 0.001);
        ModelConfig config = new ModelConfig(kind, fp32.latentDim(), fp32.architecture(), fp32.hyperparameters().withPrecision(precision));
        ModelBundle straight = job("straight").fresh(config, Device.CPU, () -> false).orElseThrow();

        int[] checks = {0};
        // 7042 rows in batches of 1024 is 7 steps an epoch: stop in the middle of the second epoch.
        Optional<ModelBundle> stopped = job("resumed").fresh(config, Device.CPU, () -> ++checks[0] >= 10);
        assertThat(stopped).isEmpty();
        assertThat(log.toString()).contains("stopped at epoch 2, batch 2/7");
        ModelBundle resumed = job("resumed").resume(Device.CPU, () -> false).orElseThrow();

        assertThat(resumed.version()).isEqualTo(2);
        assertThat(resumed.manifest().config()).isEqualTo(config);
        assertThat(hash(resumed.encoderPath())).isEqualTo(hash(straight.encoderPath()));
        assertThat(hash(resumed.decoderPath())).isEqualTo(hash(straight.decoderPath()));
        assertThat(historyWithoutTimes(resumed.directory())).isEqualTo(historyWithoutTimes(straight.directory()));
        // The same codes and seed fit the same sampler, to the last bit.
        assertThat(resumed.directory().resolve("sampler-gmm.json")).hasSameBinaryContentAs(straight.directory().resolve("sampler-gmm.json"));
    }

    @Test
    void aDivergingLossStopsWithTheEpochAndWritesNoBundle() throws IOException {
        ModelConfig exploding = tiny(ModelKind.VAE, 50, 1e6);
        assertThatThrownBy(() -> job("runs").fresh(exploding, Device.CPU, () -> false))
                .isInstanceOf(TrainingDiverged.class)
                .hasMessageMatching("the loss became (NaN|Infinity|-Infinity) at epoch \\d+ \\(step \\d+\\); training stopped and the last good checkpoint .* was kept");
        assertThat(dir.resolve("models/m")).doesNotExist();
    }

    @Test
    void aRunStoppedAfterItsLastCheckpointButBeforeItsExportIsExportedByResume() throws IOException {
        // A real finished run, exported into another repository; without its "exported" mark, its
        // folder is what a kill during the export leaves: the final checkpoint and the whole history.
        FitJob elsewhere = job(dir.resolve("other-models"), "runs");
        ModelBundle original = elsewhere.fresh(tiny(ModelKind.AE, 2, 0.001), Device.CPU, () -> false).orElseThrow();
        Path run = onlyRun();
        Files.delete(run.resolve("exported"));

        ModelBundle resumed = job("runs").resume(Device.CPU, () -> false).orElseThrow();

        assertThat(resumed.directory()).isEqualTo(dir.resolve("models/m/1"));
        assertThat(hash(resumed.encoderPath())).isEqualTo(hash(original.encoderPath()));
        assertThat(hash(resumed.decoderPath())).isEqualTo(hash(original.decoderPath()));
        assertThat(resumed.manifest().training().epochs()).isEqualTo(2);
        assertThat(historyWithoutTimes(resumed.directory())).isEqualTo(historyWithoutTimes(original.directory()));
        assertThat(log.toString()).contains("trained all 2 epochs but was not exported (stopped during the export); exporting ");
        assertThat(run.resolve("exported")).content().isEqualTo(resumed.directory().toString());
    }

    @Test
    void resumingAFinishedRunSaysItIsCompleteAndWritesNothing() throws IOException {
        ModelBundle trained = job("runs").fresh(tiny(ModelKind.VAE, 1, 0.001), Device.CPU, () -> false).orElseThrow();
        log.reset();

        ModelBundle again = job("runs").resume(Device.CPU, () -> false).orElseThrow();

        assertThat(again.directory()).isEqualTo(trained.directory());
        assertThat(new ModelRepository(dir.resolve("models")).versions("m")).containsExactly(1);
        assertThat(log.toString()).containsPattern("run .* is complete: it trained all 1 epochs and was exported as "
                + java.util.regex.Pattern.quote(trained.directory().toString()) + "; nothing to resume");
        assertThat(log.toString()).doesNotContain("training [");
    }

    @Test
    void aNewerRunWithoutACheckpointDoesNotHideAnOlderOneThatHasOne() throws IOException {
        ModelConfig config = tiny(ModelKind.VAE, 2, 0.001);
        int[] checks = {0};
        assertThat(job("runs").fresh(config, Device.CPU, () -> ++checks[0] >= 10)).isEmpty();
        Path older = onlyRun();
        // A run killed before its first checkpoint: a folder, its config and a history header, no checkpoints.
        Path newer = Files.createDirectories(dir.resolve("runs/m/99991231-235959"));
        Files.copy(older.resolve("config.yaml"), newer.resolve("config.yaml"));
        new TrainingHistory(newer.resolve(TrainingHistory.FILE_NAME)).start();
        log.reset();

        ModelBundle resumed = job("runs").resume(Device.CPU, () -> false).orElseThrow();

        assertThat(log.toString()).contains("resuming " + older + " from ");
        assertThat(resumed.manifest().training().epochs()).isEqualTo(2);
    }

    @Test
    void resumeWhenNoRunHasACheckpointSaysSo() throws IOException {
        Files.createDirectories(dir.resolve("runs/m/20240101-000000"));
        assertThatThrownBy(() -> job("runs").resume(Device.CPU, () -> false))
                .hasMessage("--resume: no run of 'm' under " + dir.resolve("runs/m") + " has a checkpoint yet (the first is written "
                        + "after --checkpoint-every epochs); start a new run without --resume");
    }

    @Test
    void aModelTooLargeForMemoryIsRefusedBeforeARunFolderIsMade() {
        ModelConfig huge = new ModelConfig(ModelKind.VAE, 2_000_000_000, new Architecture(List.of(16), List.of(16), 0.1, false),
                tiny(ModelKind.VAE, 1, 0.001).hyperparameters());
        assertThatThrownBy(() -> job("runs").fresh(huge, Device.CPU, () -> false))
                .hasMessageStartingWith("latent dimension 2000000000 (--latent, latentDim) is too large");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void resumeWithoutARunSaysSo() {
        assertThatThrownBy(() -> job("runs").resume(Device.CPU, () -> false))
                .hasMessageContaining("--resume: no run of 'm'");
    }

    @Test
    void anUnwritableRepositoryFailsBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        FitJob job = job(file.resolve("models"), "runs");
        assertThatThrownBy(() -> job.fresh(tiny(ModelKind.AE, 1, 0.001), Device.CPU, () -> false))
                .hasMessageContaining("cannot create the model repository folder");
        try (Stream<Path> runs = Files.list(dir)) {
            assertThat(runs.map(p -> p.getFileName().toString())).containsExactly("not-a-folder");
        }
    }
}
