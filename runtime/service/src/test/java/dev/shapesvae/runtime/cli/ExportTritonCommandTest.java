package dev.shapesvae.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.CliRun;
import dev.shapesvae.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runtime export-triton} as a user runs it: real repository, real output folder, one-line errors. */
class ExportTritonCommandTest {
    @TempDir
    Path root;

    private Path repository;
    private Path out;

    /** vae: versions 1 and 2 (latent 3); ae: version 1 (latent 2). */
    @BeforeEach
    void writeModels() {
        ModelRepository models = new ModelRepository(root.resolve("models"));
        for (int seed = 1; seed <= 2; seed++) {
            Fixtures.writeBundle(models, "vae", Fixtures.config(ModelKind.VAE, 3, false), seed);
        }
        Fixtures.writeBundle(models, "ae", Fixtures.config(ModelKind.AE, 2, false), 3);
        repository = models.root();
        out = root.resolve("triton");
    }

    /** Runs {@code runtime export-triton --models <repository> --out <out>} with more options. */
    private CliRun.Result exportTriton(String... options) {
        List<String> args = new ArrayList<>(List.of("export-triton", "--models", repository.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        return CliRun.run(new RuntimeCli(), args.toArray(String[]::new));
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void exportsEveryVersionOfEveryModelAndSaysWhat() throws IOException {
        CliRun.Result result = exportTriton();

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly("ae-decoder versions 1", "ae-encoder versions 1",
                "vae-decoder versions 1, 2", "vae-encoder versions 1, 2", "wrote " + out);
        assertThat(result.err()).isEmpty();
        assertThat(entries(out.resolve("vae-decoder"))).containsExactly("1", "2", "config.pbtxt");
        assertThat(out.resolve("ae-encoder/config.pbtxt")).content().contains("name: \"ae-encoder\"").contains("name: \"z\"")
                .contains("kind: KIND_AUTO");
    }

    @Test
    void exportsTheModelsAndVersionsNamedWithTheirOptions() throws IOException {
        CliRun.Result result = exportTriton("--model", "vae:1", "--max-batch-size", "64", "--instances", "3", "--device", "cpu",
                "--max-queue-delay", "500");

        assertThat(result.exitCode()).isZero();
        assertThat(entries(out)).containsExactly("vae-decoder", "vae-encoder");
        assertThat(entries(out.resolve("vae-encoder"))).containsExactly("1", "config.pbtxt");
        assertThat(out.resolve("vae-encoder/config.pbtxt")).content().contains("max_batch_size: 64").contains("count: 3")
                .contains("kind: KIND_CPU").contains("max_queue_delay_microseconds: 500");
    }

    @Test
    void aBrokenVersionIsSkippedWithAWarningAndTheRestExported() throws IOException {
        Files.delete(repository.resolve("vae/2/decoder.onnx"));

        CliRun.Result result = exportTriton("--model", "vae");

        assertThat(result.exitCode()).isZero();
        assertThat(result.errLines()).containsExactly("warning: skipping " + repository.resolve("vae/2/decoder.onnx") + ": missing file");
        assertThat(entries(out.resolve("vae-decoder"))).containsExactly("1", "config.pbtxt");
    }

    @Test
    void badSelectionsAndOptionsAreOneLineErrorsThatWriteNothing() {
        assertOneLineError(exportTriton("--model", "nope"), repository.resolve("nope") + ": no model named 'nope'");
        assertOneLineError(exportTriton("--model", "vae:9"), repository.resolve("vae/9") + ": model 'vae' has no version 9");
        assertOneLineError(exportTriton("--model", "vae:x"), "--model vae:x: the version after ':' must be a positive integer");
        assertOneLineError(exportTriton("--device", "tpu"), "--device must be auto, cpu or cuda, got 'tpu'");
        assertOneLineError(exportTriton("--max-batch-size", "0"), "--max-batch-size must be at least 1, got 0");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFolderWithFilesIsRefusedAndLeftAsItWas() throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("x"), "x");

        assertOneLineError(exportTriton(), "--out " + out + " already exists and is not empty; export into a new folder and point Triton at it"
                + " (Triton reads a repository whole)");
        assertThat(entries(out)).containsExactly("x");
    }

    private static void assertOneLineError(CliRun.Result result, String expected) {
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: " + expected);
    }

    @Test
    void helpDescribesTheLayout() {
        CliRun.Result result = CliRun.run(new RuntimeCli(), "export-triton", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: runtime export-triton ").contains("--model=NAME[:VERSION]").contains("config.pbtxt");
    }
}
