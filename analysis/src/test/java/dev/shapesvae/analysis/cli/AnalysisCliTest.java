package dev.shapesvae.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.runtime.ExecutionProvider;
import dev.shapesvae.testing.CliRun;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.UnprivilegedJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bin/analysis} as a user meets it: the real commands over a real repository. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AnalysisCliTest {
    @TempDir
    Path root;

    private Path repositoryWithOneModel() {
        ModelRepository repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundle(repository, "m", Fixtures.config(ModelKind.AE, 2, false), 1);
        return repository.root();
    }

    private static CliRun.Result analysis(List<String> args) {
        return CliRun.run(new AnalysisCli(), args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "analysis {0} --help")
    @ValueSource(strings = {"", "dataset", "report", "bench"})
    void helpWorksOnEveryCommandEvenWithoutItsRequiredOptions(String command) {
        CliRun.Result result = analysis(CliRun.withOption(command, "--help"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith(("Usage: analysis " + command).trim() + " ").contains("--verbose").contains("--version");
        assertThat(result.err()).isEmpty();
    }

    @ParameterizedTest(name = "analysis {0} --version")
    @ValueSource(strings = {"", "dataset", "report", "bench"})
    void versionIsTheProgramsVersionOnEveryCommand(String command) {
        CliRun.Result result = analysis(CliRun.withOption(command, "--version"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("shapes-vae ").contains("Java " + System.getProperty("java.version"));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void cudaWithoutCudaIsRefusedInOneLine() {
        Assumptions.assumeTrue(ExecutionProvider.CUDA.unavailability().isPresent(), "this machine has CUDA");
        Path models = repositoryWithOneModel();

        CliRun.Result result = analysis(List.of("report", "--models", models.toString(), "--device", "cuda", "--out", root.resolve("report").toString()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("error: --device cuda: ONNX Runtime cannot use CUDA here (").contains("use --device cpu or --device auto");
        assertThat(root.resolve("report")).doesNotExist();
    }

    @Test
    void anUnreadableModelsFolderIsNamedAsSuch() throws IOException, InterruptedException {
        Path models = repositoryWithOneModel();
        Files.setPosixFilePermissions(models, PosixFilePermissions.fromString("---------"));
        boolean privileged = Files.isReadable(models);
        try {
            CliRun.Result result = UnprivilegedJvm.run(root, privileged, AnalysisCli.class,
                    "report", "--models", models.toString(), "--out", root.resolve("report").toString());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLines()).containsExactly(
                    "error: permission denied: " + models + "; choose a path this user may read and write, or change its permissions");
        } finally {
            Files.setPosixFilePermissions(models, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void verboseAddsTheStackTrace() {
        Path missing = root.resolve("no-models");

        CliRun.Result plain = analysis(List.of("bench", "--models", missing.toString()));
        CliRun.Result verbose = analysis(List.of("bench", "--verbose", "--models", missing.toString()));

        assertThat(plain.exitCode()).isEqualTo(1);
        assertThat(plain.errLines()).containsExactly("error: " + missing + ": model repository folder does not exist");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.errLines().get(0)).isEqualTo(plain.errLines().get(0));
        assertThat(verbose.err()).contains("ModelNotFoundException").contains("\tat ");
    }
}
