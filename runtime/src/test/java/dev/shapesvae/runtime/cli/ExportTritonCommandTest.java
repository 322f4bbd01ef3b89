package dev.shapesvae.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.CliRun;
import dev.shapesvae.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runtime export-triton} as a user runs it: real repository, real output folder, one-line errors. */
class ExportTritonCommandTest {
    @TempDir
    Path root;

    private Path models() {
        ModelRepository repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 1);
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 2);
        Fixtures.writeBundle(repository, "ae", Fixtures.config(ModelKind.AE, 2, false), 3);
        return repository.root();
    }

    private static CliRun.Result runtime(String... args) {
        return CliRun.run(new RuntimeCli(), args);
    }

    private static List<String> versionFolders(Path model) throws IOException {
        try (Stream<Path> list = Files.list(model)) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void exportsEveryVersionOfEveryModelAndSaysWhat() throws IOException {
        Path out = root.resolve("triton");

        CliRun.Result result = runtime("export-triton", "--models", models().toString(), "--out", out.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly("ae-decoder versions 1", "ae-encoder versions 1",
                "vae-decoder versions 1, 2", "vae-encoder versions 1, 2", "wrote " + out);
        assertThat(result.err()).isEmpty();
        assertThat(versionFolders(out.resolve("vae-decoder"))).containsExactly("1", "2");
        assertThat(out.resolve("ae-encoder/config.pbtxt")).content().contains("name: \"ae-encoder\"").contains("name: \"z\"")
                .contains("kind: KIND_AUTO");
    }

    @Test
    void exportsTheModelsAndVersionsNamedWithTheirOptions() throws IOException {
        Path out = root.resolve("triton");

        CliRun.Result result = runtime("export-triton", "--models", models().toString(), "--out", out.toString(),
                "--model", "vae:1", "--max-batch-size", "64", "--instances", "3", "--device", "cpu", "--max-queue-delay", "500");

        assertThat(result.exitCode()).isZero();
        try (Stream<Path> list = Files.list(out)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("vae-encoder", "vae-decoder");
        }
        assertThat(versionFolders(out.resolve("vae-encoder"))).containsExactly("1");
        assertThat(out.resolve("vae-encoder/config.pbtxt")).content().contains("max_batch_size: 64").contains("count: 3")
                .contains("kind: KIND_CPU").contains("max_queue_delay_microseconds: 500");
    }

    @Test
    void aBrokenVersionIsSkippedWithAWarningAndTheRestExported() throws IOException {
        Path repository = models();
        Files.delete(repository.resolve("vae/2/decoder.onnx"));
        Path out = root.resolve("triton");

        CliRun.Result result = runtime("export-triton", "--models", repository.toString(), "--out", out.toString(), "--model", "vae");

        assertThat(result.exitCode()).isZero();
        assertThat(result.errLines()).containsExactly("warning: skipping " + repository.resolve("vae/2/decoder.onnx") + ": missing file");
        assertThat(versionFolders(out.resolve("vae-decoder"))).containsExactly("1");
    }

    @Test
    void badSelectionsAndATakenFolderAreOneLineErrorsThatWriteNothing() throws IOException {
        Path repository = models();
        Path out = root.resolve("triton");
        Path taken = Files.createDirectories(root.resolve("taken"));
        Files.writeString(taken.resolve("x"), "x");

        assertOneLineError(runtime("export-triton", "--models", repository.toString(), "--out", out.toString(), "--model", "nope"),
                repository.resolve("nope") + ": no model named 'nope'");
        assertOneLineError(runtime("export-triton", "--models", repository.toString(), "--out", out.toString(), "--model", "vae:9"),
                repository.resolve("vae/9") + ": model 'vae' has no version 9");
        assertOneLineError(runtime("export-triton", "--models", repository.toString(), "--out", out.toString(), "--model", "vae:x"),
                "--model vae:x: the version after ':' must be a positive integer");
        assertOneLineError(runtime("export-triton", "--models", repository.toString(), "--out", out.toString(), "--device", "tpu"),
                "--device must be auto, cpu or cuda, got 'tpu'");
        assertOneLineError(runtime("export-triton", "--models", repository.toString(), "--out", out.toString(), "--max-batch-size", "0"),
                "--max-batch-size must be at least 1, got 0");
        assertOneLineError(runtime("export-triton", "--models", repository.toString(), "--out", taken.toString()),
                "--out " + taken + " already exists and is not empty; export into a new folder and point Triton at it (Triton reads a repository whole)");
        assertThat(out).doesNotExist();
    }

    private static void assertOneLineError(CliRun.Result result, String expected) {
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: " + expected);
    }

    @Test
    void helpDescribesTheLayout() {
        CliRun.Result result = runtime("export-triton", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: runtime export-triton ").contains("--model=NAME[:VERSION]").contains("config.pbtxt");
    }
}
