package dev.shapesvae.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.image.ImageGrid;
import dev.shapesvae.inference.Decoding;
import dev.shapesvae.inference.ExecutionProvider;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.inference.LatentSampler;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.CliRun;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.UnprivilegedJvm;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bin/runtime} as a user meets it: the real commands, a real repository, real servers and sockets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RuntimeCliTest {
    @TempDir
    Path root;

    private Path repositoryWithOneModel() {
        ModelRepository repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundle(repository, "m", Fixtures.config(ModelKind.VAE, 3, false), 1);
        // Another seed: the versions have other weights, so a test can tell which one ran.
        Fixtures.writeBundle(repository, "m", Fixtures.config(ModelKind.VAE, 3, false), 7);
        return repository.root();
    }

    private static CliRun.Result runtime(String... args) {
        return CliRun.run(new RuntimeCli(), args);
    }

    /** One line on stderr that says what happened without a Java exception or stack frame in it. */
    private static void assertOneLineError(CliRun.Result result, String expected) {
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(expected);
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "runtime {0} --help")
    @ValueSource(strings = {"", "models", "sample", "serve", "bench", "export-triton"})
    void helpWorksOnEveryCommandEvenWithoutItsRequiredOptions(String command) {
        CliRun.Result result = runtime(CliRun.withOption(command, "--help").toArray(String[]::new));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith(("Usage: runtime " + command).trim() + " ").contains("--verbose").contains("--version");
        assertThat(result.err()).isEmpty();
    }

    @ParameterizedTest(name = "runtime {0} --version")
    @ValueSource(strings = {"", "models", "sample", "serve", "bench", "export-triton"})
    void versionIsTheProgramsVersionOnEveryCommand(String command) {
        CliRun.Result result = runtime(CliRun.withOption(command, "--version").toArray(String[]::new));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines().toList()).hasSize(2);
        assertThat(result.out()).startsWith("shapes-vae ").contains("Java " + System.getProperty("java.version"));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void sampleTakesTheModelVersionFromModelVersion() throws IOException {
        Path models = repositoryWithOneModel();
        Path png = root.resolve("grid.png");

        CliRun.Result result = runtime("sample", "--models", models.toString(), "--name", "m", "--model-version", "1",
                "--count", "6", "--columns", "3", "--device", "cpu", "--out", png.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().trim()).isEqualTo(png.toString());
        var image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(3 * (28 * 3 + 2) + 2);
        assertThat(image.getHeight()).isEqualTo(2 * (28 * 3 + 2) + 2);
    }

    /** The grid a model's samples make, drawn in this process: what {@code sample} must write for the same model, seed and temperature. */
    private static int[] expectedGrid(Path models, int version, int count, long seed, double temperature, int columns) {
        return expectedGrid(models, "m", version, LatentSampler.PRIOR, count, seed, temperature, columns);
    }

    private static int[] expectedGrid(Path models, String name, int version, String sampler, int count, long seed, double temperature,
            int columns) {
        try (GenerativeModel model = GenerativeModel.load(new ModelRepository(models).load(name, version), InferenceOptions.cpu())) {
            Decoding samples = model.sample(sampler, count, seed, temperature);
            List<float[]> images = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                images.add(samples.probs().row(i));
            }
            return pixels(new ImageGrid(columns, 3, 2).render(images));
        }
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @Test
    void sampleDrawsFromTheSamplerItIsGivenAndNamesTheModelsSamplersForOneItHasNot() throws IOException {
        ModelRepository repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundleWithMixture(repository, "g", Fixtures.config(ModelKind.VAE, 3, false), 1);
        Path gmm = root.resolve("gmm.png");
        Path prior = root.resolve("prior.png");

        CliRun.Result fromGmm = runtime("sample", "--models", repository.root().toString(), "--name", "g", "--sampler", "gmm", "--count", "4",
                "--columns", "2", "--seed", "3", "--device", "cpu", "--out", gmm.toString());
        CliRun.Result fromPrior = runtime("sample", "--models", repository.root().toString(), "--name", "g", "--count", "4",
                "--columns", "2", "--seed", "3", "--device", "cpu", "--out", prior.toString());

        assertThat(fromGmm.exitCode()).as(fromGmm.err()).isZero();
        assertThat(fromPrior.exitCode()).as(fromPrior.err()).isZero();
        int[] written = pixels(ImageIO.read(gmm.toFile()));
        assertThat(Arrays.equals(written, expectedGrid(repository.root(), "g", 1, "gmm", 4, 3, 1, 2))).as("--sampler gmm draws the mixture's").isTrue();
        assertThat(Arrays.equals(written, pixels(ImageIO.read(prior.toFile())))).as("the prior draws the same grid").isFalse();
        assertOneLineError(runtime("sample", "--models", repository.root().toString(), "--name", "g", "--sampler", "flow", "--device", "cpu",
                "--out", root.resolve("flow.png").toString()), "error: model g version 1 has no sampler 'flow'; its samplers are prior, gmm");
        assertThat(root.resolve("flow.png")).doesNotExist();
    }

    @Test
    void sampleWritesTheSamplesOfTheVersionSeedAndTemperatureItIsGiven() throws IOException {
        Path models = repositoryWithOneModel();
        Path older = root.resolve("older.png");
        Path newest = root.resolve("newest.png");

        CliRun.Result first = runtime("sample", "--models", models.toString(), "--name", "m", "--model-version", "1", "--count", "5",
                "--columns", "2", "--seed", "3", "--temperature", "0.5", "--device", "cpu", "--out", older.toString());
        CliRun.Result second = runtime("sample", "--models", models.toString(), "--name", "m", "--count", "5",
                "--columns", "2", "--seed", "3", "--temperature", "0.5", "--device", "cpu", "--out", newest.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        int[] written = pixels(ImageIO.read(older.toFile()));
        int[] writtenNewest = pixels(ImageIO.read(newest.toFile()));
        // Compared whole; the grids are tens of thousands of pixels, too many to list on a failure.
        assertThat(Arrays.equals(written, expectedGrid(models, 1, 5, 3, 0.5, 2))).as("--model-version 1 draws version 1's samples").isTrue();
        assertThat(Arrays.equals(writtenNewest, expectedGrid(models, 2, 5, 3, 0.5, 2))).as("no --model-version draws the newest's").isTrue();
        assertThat(Arrays.equals(written, writtenNewest)).as("the two versions draw the same grid").isFalse();
        assertThat(Arrays.equals(written, expectedGrid(models, 1, 5, 4, 0.5, 2))).as("another seed draws the same grid").isFalse();
        assertThat(Arrays.equals(written, expectedGrid(models, 1, 5, 3, 1.0, 2))).as("another temperature draws the same grid").isFalse();
    }

    @Test
    void modelsListsEveryVersionWarnsOfStrayFoldersAndExitsOneWhenABundleIsBroken() throws IOException {
        Path models = repositoryWithOneModel();

        CliRun.Result healthy = runtime("models", "--models", models.toString());

        assertThat(healthy.exitCode()).as(healthy.err()).isZero();
        assertThat(healthy.out().lines().toList()).hasSize(3).element(0).asString().startsWith("model ");
        assertThat(healthy.out()).containsPattern("(?m)^m +1 vae +3 +1 cpu +ok$").containsPattern("(?m)^m +2 vae +3 +1 cpu +ok$");
        assertThat(healthy.err()).isEmpty();

        Files.createDirectories(models.resolve("m").resolve("latest"));
        CliRun.Result stray = runtime("models", "--models", models.toString());
        assertThat(stray.exitCode()).isZero();
        assertThat(stray.errLines()).containsExactly("warning: skipping " + models.resolve("m").resolve("latest") + ": version folder is not a positive integer");

        Files.write(models.resolve("m").resolve("2").resolve("decoder.onnx"), new byte[] {0});
        CliRun.Result broken = runtime("models", "--models", models.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).containsPattern("(?m)^m +1 vae +3 +1 cpu +ok$").containsPattern("(?m)^m +2 \\? .*BROKEN: .*sha256 mismatch");
    }

    @Test
    void benchPrintsARowPerModelAndBatchAndRefusesBadBatches() {
        Path models = repositoryWithOneModel();

        CliRun.Result result = runtime("bench", "--models", models.toString(), "--batches", "1,3", "--seconds", "0.05", "--device", "cpu");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("model").contains("images/s")
                .containsPattern("(?m)^m +1 +\\d+ +\\d+\\.\\d{3} +\\d+\\.\\d{3} +\\d+\\.\\d$")
                .containsPattern("(?m)^m +3 +\\d+ +\\d+\\.\\d{3} +\\d+\\.\\d{3} +\\d+\\.\\d$");
        assertOneLineError(runtime("bench", "--models", models.toString(), "--batches", "0", "--device", "cpu"),
                "error: --batches must be between 1 and 65536, got 0");
    }

    @Test
    void sampleRefusesACountBeyondItsMaximumBeforeLoadingAnything() {
        Path models = repositoryWithOneModel();
        Path png = root.resolve("grid.png");

        CliRun.Result result = runtime("sample", "--models", models.toString(), "--name", "m", "--count", "1000000000", "--out", png.toString());

        assertOneLineError(result, "error: --count must be between 1 and 4096, got 1000000000; for more, run sample again with another --seed");
        assertThat(png).doesNotExist();
    }

    @Test
    void cudaWithoutCudaIsRefusedInOneLineBySampleBenchAndServe() {
        Assumptions.assumeTrue(ExecutionProvider.CUDA.unavailability().isPresent(), "this machine has CUDA");
        Path models = repositoryWithOneModel();
        String expected = "error: --device cuda: ONNX Runtime cannot use CUDA here (" + ExecutionProvider.CUDA.unavailability().get()
                + "); use --device cpu or --device auto (CUDA needs the -Pgpu build, which brings CUDA 12 and cuDNN 9, and an NVIDIA driver with a GPU; see README.md)";

        assertOneLineError(runtime("sample", "--models", models.toString(), "--name", "m", "--device", "cuda", "--out", root.resolve("g.png").toString()), expected);
        assertOneLineError(runtime("bench", "--models", models.toString(), "--device", "cuda", "--seconds", "0.1"), expected);
        assertOneLineError(runtime("serve", "--models", models.toString(), "--device", "cuda", "--port", "0"), expected);
    }

    @Test
    void serveOnAPortInUseSaysSoInOneLine() throws IOException {
        Path models = repositoryWithOneModel();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            CliRun.Result result = runtime("serve", "--models", models.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port));

            assertOneLineError(result, "error: cannot listen on 127.0.0.1:" + port + ": address already in use; choose another --port, or stop the program that uses it");
        }
    }

    @Test
    void serveOnAnUnknownHostSaysSoInOneLine() {
        Path models = repositoryWithOneModel();

        CliRun.Result result = runtime("serve", "--models", models.toString(), "--host", "no-such-host.invalid", "--port", "0");

        assertOneLineError(result, "error: cannot listen on no-such-host.invalid: no such host; use --host 127.0.0.1 (this machine only) or 0.0.0.0 (every network interface)");
    }

    @Test
    void verboseAddsTheStackTraceWhereverItIsGiven() throws IOException {
        Path models = repositoryWithOneModel();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());

            CliRun.Result onSubcommand = runtime("serve", "--verbose", "--models", models.toString(), "--host", "127.0.0.1", "--port", port);
            CliRun.Result onProgram = runtime("--verbose", "serve", "--models", models.toString(), "--host", "127.0.0.1", "--port", port);

            for (CliRun.Result result : List.of(onSubcommand, onProgram)) {
                assertThat(result.exitCode()).isEqualTo(1);
                assertThat(result.errLines().get(0)).startsWith("error: cannot listen on 127.0.0.1:" + port + ": address already in use");
                assertThat(result.err()).contains("java.net.BindException").contains("\tat ");
            }
        }
    }

    @Test
    void aMissingModelsFolderOrAFileInItsPlaceIsNamedAsSuch() throws IOException {
        Path missing = root.resolve("nothing-here");
        Path file = Files.writeString(root.resolve("models.txt"), "not a folder");

        assertOneLineError(runtime("sample", "--models", missing.toString(), "--name", "m", "--out", root.resolve("g.png").toString()),
                "error: --models " + missing + ": no such folder; train a model with bin/trainer fit first, or name the repository's folder");
        assertOneLineError(runtime("bench", "--models", file.toString()),
                "error: --models " + file + " is a file, not a folder; name the repository's folder");
    }

    @Test
    void oneUnreadableModelFolderIsSkippedAndTheOthersAreListed() throws IOException, InterruptedException {
        Path models = repositoryWithOneModel();
        Files.setPosixFilePermissions(models, PosixFilePermissions.fromString("rwxr-xr-x"));
        Fixtures.writeBundle(new ModelRepository(models), "private", Fixtures.config(ModelKind.AE, 2, false), 3);
        Path hidden = models.resolve("private");
        Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("rwx------"));
        boolean privileged = Files.isReadable(hidden);
        CliRun.Result list = UnprivilegedJvm.run(root, privileged, RuntimeCli.class, "models", "--models", models.toString());

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("m  ").doesNotContain("private ");
        assertThat(list.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("warning: skipping " + hidden + ": cannot list").contains("ermission denied"));
    }

    @Test
    void aModelFolderNamedWithDotDotIsSkippedNotFatal() throws IOException {
        Path models = repositoryWithOneModel();
        Files.createDirectories(models.resolve("a..b").resolve("1"));
        CliRun.Result list = runtime("models", "--models", models.toString());

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.errLines()).containsExactly("warning: skipping " + models.resolve("a..b")
                + ": folder name is not a valid model name ([a-z0-9][a-z0-9._-]*, no '..')");
    }

    @Test
    void anUnreadableModelsFolderIsNamedAsSuch() throws IOException, InterruptedException {
        Path models = repositoryWithOneModel();
        Files.setPosixFilePermissions(models, PosixFilePermissions.fromString("---------"));
        boolean privileged = Files.isReadable(models);
        try {
            CliRun.Result sample = UnprivilegedJvm.run(root, privileged, RuntimeCli.class,
                    "sample", "--models", models.toString(), "--name", "m", "--out", root.resolve("g.png").toString());
            CliRun.Result list = UnprivilegedJvm.run(root, privileged, RuntimeCli.class, "models", "--models", models.toString());

            assertOneLineError(sample, "error: --models " + models + ": permission denied; choose a folder this user may read, or change its permissions");
            assertOneLineError(list, "error: --models " + models + ": permission denied; choose a folder this user may read, or change its permissions");
        } finally {
            Files.setPosixFilePermissions(models, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
