package dev.shapesvae.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.inference.ExecutionProvider;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.CliRun;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.UnprivilegedJvm;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
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

    /** SPEC section 1: squares of side s at (30 - s)^2 positions, 3084 in all; circles 2780, triangles 2138; 7824 distinct images. */
    @Test
    void datasetPrintsTheCountsAndDrawsTheContactSheet() throws IOException {
        Path out = root.resolve("dataset");

        CliRun.Result result = analysis(List.of("dataset", "--out", out.toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).containsPattern("(?m)^entries +8002$").containsPattern("(?m)^distinct images +7824$")
                .containsPattern("(?m)^duplicates +178 ")
                // x or y = 29 - s: 2 (30 - s) - 1 of each size's squares, 304 over sizes 7 to 14.
                .containsPattern("(?m)^clipped squares +304 ")
                .containsPattern("(?m)^square +total +3084$").containsPattern("(?m)^circle +total +2780$").containsPattern("(?m)^triangle +total +2138$")
                .containsPattern("(?m)^square +7 +529 +0 +45 +\\d+\\.\\d$")
                // Clipped on both sides, a square of side s draws the square of side s - 1 at the same place: one duplicate a size from 8.
                .containsPattern("(?m)^square +14 +256 +1 +31 +\\d+\\.\\d$")
                .contains("wrote " + out.resolve("contact-sheet.png")).contains("wrote " + out.resolve("dataset-counts.csv"));

        List<String> csv = Files.readAllLines(out.resolve("dataset-counts.csv"));
        assertThat(csv.get(0)).isEqualTo("shape,size,entries,duplicates,clipped,mean_on_pixels");
        assertThat(csv).hasSize(1 + 3 * 8);
        Map<String, Integer> perShape = new HashMap<>();
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",");
            perShape.merge(cells[0], Integer.parseInt(cells[2]), Integer::sum);
        }
        assertThat(perShape).containsExactlyInAnyOrderEntriesOf(Map.of("square", 3084, "circle", 2780, "triangle", 2138));
        // A square of side 7 has 49 pixels on, unless clipped (x or y = 22: 42, both: 36): (484 x 49 + 44 x 42 + 36) / 529.
        assertThat(csv).contains("square,7,529,0,45," + String.format(Locale.ROOT, "%.3f", (484 * 49 + 44 * 42 + 36) / 529.0));

        // One row of 4 cells per shape and one row per size, each cell 28 x 3 pixels plus a 2-pixel line, beside the labels.
        BufferedImage sheet = ImageIO.read(out.resolve("contact-sheet.png").toFile());
        assertThat(sheet.getWidth()).isEqualTo(70 + 12 * (28 * 3 + 2) + 2);
        assertThat(sheet.getHeight()).isEqualTo(34 + 8 * (28 * 3 + 2) + 2);
    }

    /**
     * A user whose locale writes one half as 0,5 gets the same figures as everyone else: the
     * dataset's table and the report's tables, written under Germany's locale, are those written
     * under the root locale, byte for byte (stage times aside, which the tables leave out).
     */
    @Test
    void numbersAreWrittenTheSameWhateverTheLocale() throws IOException {
        Path models = repositoryWithOneModel();
        Map<Locale, String> datasets = new HashMap<>();
        Locale before = Locale.getDefault();
        try {
            for (Locale locale : List.of(Locale.ROOT, Locale.GERMANY)) {
                Locale.setDefault(locale);
                String name = locale == Locale.ROOT ? "root" : locale.toLanguageTag();
                CliRun.Result dataset = analysis(List.of("dataset", "--out", root.resolve(name).resolve("dataset").toString()));
                CliRun.Result report = analysis(List.of("report", "--models", models.toString(), "--out", root.resolve(name).resolve("report").toString(),
                        "--seeds", "1", "--nn-samples", "20", "--coverage-samples", "50", "--kl-samples", "50", "--device", "cpu"));
                assertThat(dataset.exitCode()).as(dataset.err()).isZero();
                assertThat(report.exitCode()).as(report.err()).isZero();
                datasets.put(locale, dataset.out().replace(root.resolve(name).toString(), "<out>"));
            }
        } finally {
            Locale.setDefault(before);
        }
        assertThat(datasets.get(Locale.GERMANY)).containsPattern("(?m)^mean on-pixels +82\\.8$").isEqualTo(datasets.get(Locale.ROOT));
        for (String file : List.of("report/table1.csv", "report/limit.csv", "report/generalisation.csv", "report/information-rate.csv",
                "report/disentanglement.csv", "report/mig.csv", "report/correlations-m.csv", "dataset/dataset-counts.csv")) {
            assertThat(Files.readString(root.resolve("de-DE").resolve(file))).as(file).isEqualTo(Files.readString(root.resolve("root").resolve(file)));
        }
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
                    "error: --models " + models + ": permission denied; choose a folder this user may read, or change its permissions");
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
        assertThat(plain.errLines()).containsExactly("error: --models " + missing
                + ": no such folder; train a model with bin/trainer fit first, or name the repository's folder");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.errLines().get(0)).isEqualTo(plain.errLines().get(0));
        assertThat(verbose.err()).contains("IllegalArgumentException").contains("\tat ");
    }
}
