package dev.shapesvae.trainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PresetsTest {
    /**
     * Every preset's effective config, in order, as the presets written in Java gave them before
     * they became YAML resources ("=== name" and the config's YAML, captured from that code).
     */
    @Test
    void everyPresetGivesTheConfigItGaveWhenPresetsWereJavaCode() throws IOException {
        String before;
        try (InputStream in = PresetsTest.class.getResourceAsStream("presets-before-yaml.txt")) {
            before = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> javaPresets = before.lines().filter(line -> line.startsWith("=== ")).map(line -> line.substring(4)).toList();
        assertThat(Presets.names()).containsAll(javaPresets);
        String now = javaPresets.stream().map(name -> "=== " + name + "\n" + ConfigResolver.toYaml(Presets.get(name)))
                .collect(Collectors.joining());
        assertThat(now).isEqualTo(before);
    }

    /**
     * The report's presets and the quick ones train in fp32; the best ones in bf16, as they were
     * measured (docs/RESULTS.md). bf16 also comes from a flag or a file, and the config written
     * beside the model says so, where an fp32 one stays as it was.
     */
    @Test
    void presetsAreFp32ButTheBestAndAFileOrFlagChoosesBf16() throws IOException {
        for (String name : Presets.names()) {
            Precision expected = name.endsWith("-best") ? Precision.BF16 : Precision.FP32;
            assertThat(Presets.get(name).hyperparameters().precision()).as(name).isEqualTo(expected);
        }
        Path file = Files.writeString(Files.createTempFile("bf16", ".yaml"), "preset: paper-vae\nhyperparameters:\n  precision: bf16\n");
        try {
            ModelConfig fromFile = ConfigResolver.resolve(Optional.empty(), Optional.of(file), ConfigOverrides.none());
            assertThat(fromFile).isEqualTo(inBf16(Presets.get("paper-vae")));
            assertThat(ConfigResolver.toYaml(fromFile)).contains("  precision: \"bf16\"\n");
            assertThat(ConfigResolver.toYaml(Presets.get("paper-vae"))).doesNotContain("precision");
        } finally {
            Files.delete(file);
        }
        ConfigOverrides flag = new ConfigOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Precision.BF16));
        assertThat(ConfigResolver.resolve(Optional.of("quick-ae"), Optional.empty(), flag)).isEqualTo(inBf16(Presets.get("quick-ae")));
    }

    private static ModelConfig inBf16(ModelConfig config) {
        return new ModelConfig(config.kind(), config.latentDim(), config.architecture(), config.hyperparameters().withPrecision(Precision.BF16));
    }

    @Test
    void theIndexListsEveryPresetFileAndNoOther() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/presets"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")).map(f -> f.replaceFirst("\\.yaml$", "")))
                    .containsExactlyInAnyOrderElementsOf(Presets.names());
        }
    }

    @Test
    void anUnknownPresetIsRefusedWithTheKnownNames() {
        assertThatThrownBy(() -> Presets.get("huge-vae")).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "unknown preset 'huge-vae' (choose one of paper-vae, paper-ae, paper-ae-lr0.0003-e400, paper-ae-lr0.0003-e600, vae-best, ae-best, "
                        + "quick-vae, quick-ae)");
    }
    @Test
    void paperPresetsAreTheReportsTableTwo() {
        ModelConfig vae = Presets.get("paper-vae");
        assertThat(vae.latentDim()).isEqualTo(32);
        assertThat(vae.architecture().encoderHidden()).containsExactly(1000, 1000, 1000, 500);
        assertThat(vae.architecture().decoderHidden()).containsExactly(500, 1000, 1000, 1000);
        assertThat(vae.hyperparameters().batchSize()).isEqualTo(512);
        assertThat(vae.hyperparameters().epochs()).isEqualTo(1000);
        assertThat(vae.hyperparameters().regularisationWeight()).isEqualTo(0.65);
        ModelConfig ae = Presets.get("paper-ae");
        assertThat(ae.latentDim()).isEqualTo(10);
        assertThat(ae.architecture().encoderHidden()).containsExactly(2000, 2000, 2000);
        assertThat(ae.hyperparameters().batchSize()).isEqualTo(64);
        assertThat(ae.hyperparameters().epochs()).isEqualTo(200);
        assertThat(ae.hyperparameters().latentNoise()).isEqualTo(0.2);
        assertThat(ae.architecture().dropout()).isEqualTo(0.2);
    }

    @Test
    void theImprovedAesChangeOnlyWhatTheirNamesSay() {
        ModelConfig paper = Presets.get("paper-ae");
        Hyperparameters p = paper.hyperparameters();
        for (int epochs : new int[] {400, 600}) {
            Hyperparameters expected = new Hyperparameters(0.0003, p.batchSize(), epochs, p.regularisationWeight(), p.latentNoise(),
                    p.mmdBandwidths(), p.seed(), p.validationEvery());
            assertThat(Presets.get("paper-ae-lr0.0003-e" + epochs))
                    .isEqualTo(new ModelConfig(paper.kind(), paper.latentDim(), paper.architecture(), expected));
        }
    }

    /** The best presets are the configurations RESULTS measured: paper-vae in bf16, and our AE in bf16 for 800 epochs. */
    @Test
    void theBestPresetsAreTheMeasuredPaperPresetsInBf16() {
        assertThat(Presets.get("vae-best")).isEqualTo(inBf16(Presets.get("paper-vae")));
        ModelConfig ae = inBf16(Presets.get("paper-ae-lr0.0003-e600"));
        Hyperparameters h = ae.hyperparameters();
        assertThat(Presets.get("ae-best")).isEqualTo(new ModelConfig(ae.kind(), ae.latentDim(), ae.architecture(), new Hyperparameters(
                h.learningRate(), h.batchSize(), 800, h.regularisationWeight(), h.latentNoise(), h.mmdBandwidths(), h.seed(), h.validationEvery(),
                h.precision())));
    }
}
