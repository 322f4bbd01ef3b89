package dev.shapesvae.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.onnx.OnnxGraphs;
import dev.shapesvae.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {
    @TempDir
    Path root;

    private ModelRepository repository() {
        return new ModelRepository(root);
    }

    private ModelBundle writeVae() {
        return Fixtures.writeBundle(repository(), "vae", Fixtures.config(ModelKind.VAE, 4, false), 1);
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void writesNumberedVersionsAndLoadsTheNewest() {
        ModelBundle first = writeVae();
        ModelBundle second = Fixtures.writeBundle(repository(), "vae", Fixtures.config(ModelKind.VAE, 4, true), 2);
        Fixtures.writeBundle(repository(), "ae", Fixtures.config(ModelKind.AE, 3, false), 3);

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(repository().modelNames()).containsExactly("ae", "vae");
        assertThat(repository().versions("vae")).containsExactly(1, 2);
        ModelBundle newest = repository().load("vae");
        assertThat(newest.version()).isEqualTo(2);
        assertThat(newest.manifest().config().architecture().layerNorm()).isTrue();
        assertThat(newest.manifest().onnx().sha256()).containsKeys("encoder.onnx", "decoder.onnx");
        assertThat(newest.directory().resolve("history.csv")).exists();
        assertThat(repository().load("ae").manifest().kind()).isEqualTo(ModelKind.AE);
        assertThat(repository().loadAll()).hasSize(3);
    }

    @Test
    void manifestRoundTripsThroughJson() {
        ModelManifest manifest = writeVae().manifest();
        assertThat(ManifestCodec.fromJson(ManifestCodec.toJson(manifest), Path.of("m.json"))).isEqualTo(manifest);
    }

    @Test
    void writingLeavesNoStagingFolderBehind() throws IOException {
        writeVae();
        try (Stream<Path> list = Files.list(root.resolve("vae"))) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("1");
        }
    }

    @Test
    void aBundleThatBreaksTheContractIsNeverWritten() {
        ModelConfig vae = Fixtures.config(ModelKind.VAE, 4, false);
        ModelConfig ae = Fixtures.config(ModelKind.AE, 4, false);
        byte[] aeEncoder = OnnxGraphs.encoder(ModelKind.AE, Fixtures.networks(ae, 1)[0]);
        byte[] decoder = OnnxGraphs.decoder(Fixtures.networks(vae, 1)[1]);
        assertThatThrownBy(() -> repository().write("vae", new BundleFiles(Fixtures.manifest(vae), aeEncoder, decoder, Map.of())))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("encoder.onnx: graph outputs are [z], expected [mean, logvar]");
        assertThat(root.resolve("vae")).doesNotExist();
    }

    @Test
    void missingFileIsNamed() throws IOException {
        ModelBundle bundle = writeVae();
        Files.delete(bundle.decoderPath());
        assertThatThrownBy(() -> repository().load("vae"))
                .isInstanceOf(BundleException.class)
                .hasMessage(bundle.decoderPath() + ": missing file");
        Files.delete(bundle.manifestPath());
        assertThatThrownBy(() -> repository().load("vae"))
                .hasMessage(bundle.manifestPath() + ": missing file");
    }

    @Test
    void malformedJsonIsReportedWithItsPosition() throws IOException {
        ModelBundle bundle = writeVae();
        Files.writeString(bundle.manifestPath(), "{\"formatVersion\": 1,\n  \"config\": [}");
        assertThatThrownBy(() -> repository().load("vae"))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith(bundle.manifestPath() + ": malformed JSON")
                .hasMessageContaining("line 2");
    }

    @Test
    void unknownKindIsNamed() throws IOException {
        ModelBundle bundle = writeVae();
        edit(bundle.manifestPath(), "\"kind\" : \"vae\"", "\"kind\" : \"gan\"");
        assertThatThrownBy(() -> repository().load("vae"))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("unknown kind 'gan' (expected vae or ae)")
                .hasMessageContaining("config.kind");
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        ModelBundle bundle = writeVae();
        edit(bundle.manifestPath(), "\"latentDim\" : 4,", "");
        assertThatThrownBy(() -> repository().load("vae"))
                .hasMessageContaining("latentDim")
                .hasMessageContaining("config");
    }

    @Test
    void hashMismatchIsNamed() throws IOException {
        ModelBundle bundle = writeVae();
        byte[] other = OnnxGraphs.encoder(ModelKind.VAE, Fixtures.networks(Fixtures.config(ModelKind.VAE, 4, false), 99)[0]);
        Files.write(bundle.encoderPath(), other);
        assertThatThrownBy(() -> repository().load("vae"))
                .hasMessageStartingWith(bundle.encoderPath() + ": sha256 mismatch: model.json says ");
    }

    @Test
    void latentSizeThatDisagreesWithTheGraphIsNamed() throws IOException {
        ModelBundle bundle = writeVae();
        edit(bundle.manifestPath(), "\"latentDim\" : 4,", "\"latentDim\" : 5,");
        assertThatThrownBy(() -> repository().load("vae"))
                .hasMessage(bundle.encoderPath() + ": output 'mean' is float32 [N, 4] but model.json implies float32 [N, 5]");
    }

    @Test
    void versionFolderThatIsNotAPositiveIntegerIsNamed() throws IOException {
        writeVae();
        for (String bad : new String[] {"latest", "0", "-1", "01"}) {
            Path dir = Files.createDirectory(root.resolve("vae").resolve(bad));
            assertThatThrownBy(() -> repository().load("vae"))
                    .isInstanceOf(BundleException.class)
                    .hasMessage(dir + ": version folder is not a positive integer");
            Files.delete(dir);
        }
    }

    @Test
    void modelNamesOutsideThePatternAreRejectedBeforeAnyPathIsBuilt() throws IOException {
        writeVae();
        for (String bad : new String[] {"../vae", "Vae", "", "a/b", ".hidden", "-x", "..", "v..1"}) {
            assertThatThrownBy(() -> repository().load(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid model name");
        }
        Path badFolder = Files.createDirectory(root.resolve("Bad Name"));
        assertThatThrownBy(() -> repository().modelNames())
                .hasMessage(badFolder + ": folder name is not a valid model name ([a-z0-9][a-z0-9._-]*)");
    }

    @Test
    void unknownModelAndVersionAreNotFound() {
        writeVae();
        assertThatThrownBy(() -> repository().load("nope")).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("no model named 'nope'");
        assertThatThrownBy(() -> repository().load("vae", 7)).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("has no version 7");
        assertThatThrownBy(() -> new ModelRepository(root.resolve("absent")).modelNames())
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("model repository folder does not exist");
    }

    @Test
    void corruptOnnxFileIsNamed() throws IOException {
        ModelBundle bundle = writeVae();
        byte[] garbage = "not a model".getBytes(StandardCharsets.UTF_8);
        Files.write(bundle.encoderPath(), garbage);
        edit(bundle.manifestPath(), bundle.manifest().onnx().sha256().get("encoder.onnx"), Sha256.hex(garbage));
        assertThatThrownBy(() -> repository().load("vae"))
                .hasMessageStartingWith(bundle.encoderPath() + ": not an ONNX model");
    }
}
