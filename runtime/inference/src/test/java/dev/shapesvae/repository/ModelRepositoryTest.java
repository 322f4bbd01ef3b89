package dev.shapesvae.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.export.OnnxGraphs;
import dev.shapesvae.io.StagingFolders;
import dev.shapesvae.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        assertThat(repository().loadAll().bundles()).hasSize(3);
        assertThat(repository().loadAll().skipped()).isEmpty();
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

    /** Precision came after format 1's first bundles: bf16 is written and read back, fp32 is left out as before and absent reads as fp32. */
    @Test
    void aBf16ModelSaysSoInItsManifestAndAnFp32OneReadsAsBefore() throws IOException {
        ModelConfig fp32 = Fixtures.config(ModelKind.VAE, 4, false);
        ModelConfig bf16 = new ModelConfig(fp32.kind(), fp32.latentDim(), fp32.architecture(), fp32.hyperparameters().withPrecision(Precision.BF16));
        ModelBundle plain = writeVae();
        ModelBundle mixed = Fixtures.writeBundle(repository(), "vae", bf16, 2);

        assertThat(Files.readString(plain.manifestPath())).doesNotContain("precision");
        assertThat(Files.readString(mixed.manifestPath())).contains("\"precision\" : \"bf16\"");
        assertThat(repository().load("vae", 1).manifest().config().hyperparameters().precision()).isEqualTo(Precision.FP32);
        assertThat(repository().load("vae", 2).manifest().config()).isEqualTo(bf16);
    }

    @Test
    void unknownPrecisionIsNamed() throws IOException {
        ModelConfig fp32 = Fixtures.config(ModelKind.VAE, 4, false);
        ModelBundle bundle = Fixtures.writeBundle(repository(), "vae",
                new ModelConfig(fp32.kind(), fp32.latentDim(), fp32.architecture(), fp32.hyperparameters().withPrecision(Precision.BF16)), 1);
        edit(bundle.manifestPath(), "\"precision\" : \"bf16\"", "\"precision\" : \"fp16\"");
        assertThatThrownBy(() -> repository().load("vae"))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("unknown precision 'fp16' (expected fp32 or bf16)")
                .hasMessageContaining("config.hyperparameters.precision");
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
    void strayEntriesAreSkippedAndNamedWhileTheRestStillLoads() throws IOException {
        ModelBundle good = writeVae();
        Path[] strays = new Path[5];
        String[] badVersions = {"latest", "0", "-1", "01"};
        for (int i = 0; i < badVersions.length; i++) {
            strays[i] = Files.createDirectory(root.resolve("vae").resolve(badVersions[i]));
        }
        strays[4] = Files.createDirectory(root.resolve("Bad Name"));
        Files.writeString(root.resolve("notes.txt"), "not a model");
        Path empty = Files.createDirectory(root.resolve("vae").resolve("7"));
        Files.createDirectory(root.resolve("vae").resolve(".staging-1-abc"));

        Inventory inventory = repository().inventory();
        assertThat(inventory.models()).containsExactly(Map.entry("vae", List.of(1, 7)));
        assertThat(inventory.skipped()).extracting(Skipped::path)
                .containsExactlyInAnyOrder(strays[0], strays[1], strays[2], strays[3], strays[4], root.resolve("notes.txt"));
        assertThat(inventory.skipped()).filteredOn(s -> s.path().equals(strays[1])).singleElement()
                .hasToString(strays[1] + ": version folder is not a positive integer");

        Loaded loaded = repository().loadAll();
        assertThat(loaded.bundles()).extracting(ModelBundle::version).containsExactly(1);
        assertThat(loaded.skipped()).filteredOn(s -> s.path().startsWith(empty)).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("missing file"));
        List<Skipped> newerBroken = new ArrayList<>();
        assertThat(repository().loadNewestGood("vae", newerBroken)).hasValueSatisfying(b -> assertThat(b.directory()).isEqualTo(good.directory()));
        assertThat(newerBroken).singleElement().satisfies(s -> assertThat(s.path()).startsWithRaw(empty));
    }

    @Test
    void aModelWithNoVersionThatLoadsGivesNothingAndNamesEveryBrokenVersion() throws IOException {
        Path one = Files.createDirectories(root.resolve("vae").resolve("1"));
        Path two = Files.createDirectories(root.resolve("vae").resolve("2"));
        List<Skipped> skipped = new ArrayList<>();
        assertThat(repository().loadNewestGood("vae", skipped)).isEmpty();
        assertThat(skipped).extracting(Skipped::path).containsExactly(two.resolve("model.json"), one.resolve("model.json"));
    }

    @Test
    void bundlesHonourTheUmaskInsteadOfBeingOwnerOnly() throws IOException {
        ModelBundle bundle = writeVae();
        // The JVM's umask is the one the test runs under, typically 022: others may read and enter.
        Set<PosixFilePermission> folder = Files.getPosixFilePermissions(bundle.directory());
        Set<PosixFilePermission> file = Files.getPosixFilePermissions(bundle.encoderPath());
        Path probe = Files.createDirectory(root.resolve("probe"));
        Set<PosixFilePermission> umaskFolder = Files.getPosixFilePermissions(probe);
        assertThat(umaskFolder).contains(PosixFilePermission.OTHERS_READ);
        assertThat(folder).isEqualTo(umaskFolder);
        Path probeFile = Files.createFile(root.resolve("probe.txt"));
        assertThat(file).isEqualTo(Files.getPosixFilePermissions(probeFile));
    }

    @Test
    void stagingFoldersOfDeadWritersAreRemovedByTheNextWriteAndLiveOnesAreKept() throws IOException {
        writeVae();
        Path model = root.resolve("vae");
        Process finished = new ProcessBuilder("true").start();
        long deadPid = finished.pid();
        finished.onExit().join();
        // A folder this process is filling, named as every writer names its own.
        Path live = StagingFolders.create(model, ".staging-");
        String ours = live.getFileName().toString();
        Path abandoned = Files.createDirectories(model.resolve(ours.replace("-" + ProcessHandle.current().pid() + "-", "-" + deadPid + "-"))
                .resolve("x"));
        Path legacy = Files.createDirectory(model.resolve(".staging-123456789"));
        // Another host's writers cannot be looked up: theirs go only once untouched for a day.
        Path otherHostNow = Files.createDirectory(model.resolve(".staging-" + deadPid + "-00000001@another-host"));
        Path otherHostOld = Files.createDirectory(model.resolve(".staging-" + deadPid + "-00000002@another-host"));
        Files.setLastModifiedTime(otherHostOld, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        assertThat(repository().versions("vae")).containsExactly(1);

        Fixtures.writeBundle(repository(), "vae", Fixtures.config(ModelKind.VAE, 4, false), 2);
        assertThat(abandoned.getParent()).doesNotExist();
        assertThat(legacy).doesNotExist();
        assertThat(otherHostOld).doesNotExist();
        assertThat(live).exists();
        assertThat(otherHostNow).exists();
        assertThat(repository().versions("vae")).containsExactly(1, 2);
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
        assertThat(repository().modelNames()).containsExactly("vae");
        assertThat(repository().inventory().skipped()).singleElement()
                .hasToString(badFolder + ": folder name is not a valid model name ([a-z0-9][a-z0-9._-]*, no '..')");
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
