package dev.shapesvae.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.OnnxChecker;
import dev.shapesvae.trainer.model.Device;
import dev.shapesvae.trainer.sampler.SamplerFitting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@code trainer fit} writes passes the ONNX project's own checker (full check, strict shape
 * inference): a real fit in TensorFlow, exported by {@link BundleExporter} through the
 * repository. Skipped, with the reason, where Debian's python3-onnx is missing.
 */
class FittedBundleOnnxCheckTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void requireTheChecker() {
        OnnxChecker.unavailability().ifPresent(reason -> Assumptions.abort("the real ONNX checker cannot run here: " + reason));
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void bothGraphsOfAFittedModelWithLayerNormPassTheChecker(ModelKind kind) throws Exception {
        ModelConfig config = new ModelConfig(kind, 3, new Architecture(List.of(16), List.of(16), 0.1, true),
                new Hyperparameters(0.001, 1024, 1, kind == ModelKind.VAE ? 0.65 : 0.1, kind == ModelKind.AE ? 0.2 : 0,
                        kind == ModelKind.AE ? List.of(0.5, 1.0) : List.of(), 5, 1));
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
        FitJob job = new FitJob(new ModelRepository(dir.resolve("models")), "m", dir.resolve("runs"), 1, SamplerFitting.none(log), log);
        ModelBundle bundle = job.fresh(config, Device.CPU, () -> false).orElseThrow();

        Map<Path, String> verdicts = OnnxChecker.check(List.of(bundle.encoderPath(), bundle.decoderPath()));

        assertThat(verdicts).containsOnlyKeys(bundle.encoderPath(), bundle.decoderPath())
                .allSatisfy((file, verdict) -> assertThat(verdict).as(file.toString()).isEqualTo("OK"));
    }
}
