package dev.shapesvae.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.Sha256;
import dev.shapesvae.trainer.model.Device;
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
        return new FitJob(new ModelRepository(dir.resolve("models")), "m", dir.resolve(runs), 1, new PrintStream(log, true));
    }

    private static String hash(Path file) throws IOException {
        return Sha256.hex(Files.readAllBytes(file));
    }

    private static List<String> historyWithoutTimes(Path bundle) throws IOException {
        return Files.readAllLines(bundle.resolve("history.csv")).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
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
        assertThat(Files.readAllLines(bundle.directory().resolve("history.csv"))).hasSize(3).first().isEqualTo(EpochRecord.HEADER);
        assertThat(bundle.directory().resolve("config.yaml")).content().contains("latentDim: 3");
        assertThat(log.toString()).contains("epoch    2/2").contains("training [");
    }

    @Test
    void anInterruptedRunResumesToTheSameModel() throws IOException {
        ModelConfig config = tiny(ModelKind.VAE, 3, 0.001);
        ModelBundle straight = job("straight").fresh(config, Device.CPU, () -> false).orElseThrow();

        int[] checks = {0};
        // 7042 rows in batches of 1024 is 7 steps an epoch: stop in the middle of the second epoch.
        Optional<ModelBundle> stopped = job("resumed").fresh(config, Device.CPU, () -> ++checks[0] >= 10);
        assertThat(stopped).isEmpty();
        assertThat(log.toString()).contains("stopped at epoch 2, batch 2/7");
        ModelBundle resumed = job("resumed").resume(Device.CPU, () -> false).orElseThrow();

        assertThat(resumed.version()).isEqualTo(2);
        assertThat(hash(resumed.encoderPath())).isEqualTo(hash(straight.encoderPath()));
        assertThat(hash(resumed.decoderPath())).isEqualTo(hash(straight.decoderPath()));
        assertThat(historyWithoutTimes(resumed.directory())).isEqualTo(historyWithoutTimes(straight.directory()));
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
    void resumeWithoutARunSaysSo() {
        assertThatThrownBy(() -> job("runs").resume(Device.CPU, () -> false))
                .hasMessageContaining("--resume: no run of 'm'");
    }

    @Test
    void anUnwritableRepositoryFailsBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        FitJob job = new FitJob(new ModelRepository(file.resolve("models")), "m", dir.resolve("runs"), 1, new PrintStream(log, true));
        assertThatThrownBy(() -> job.fresh(tiny(ModelKind.AE, 1, 0.001), Device.CPU, () -> false))
                .hasMessageContaining("cannot create the model repository folder");
        try (Stream<Path> runs = Files.list(dir)) {
            assertThat(runs.map(p -> p.getFileName().toString())).containsExactly("not-a-folder");
        }
    }
}
