package dev.shapesvae.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shapesvae.analysis.cli.AnalysisCli;
import dev.shapesvae.analysis.report.results.MetricsJson;
import dev.shapesvae.analysis.report.results.StudyResults;
import dev.shapesvae.analysis.study.KnownModels;
import dev.shapesvae.analysis.study.StudyOptions;
import dev.shapesvae.cli.Cli;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.CliRun;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.UnprivilegedJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole report from two tiny real models, and its refusals. */
class StudyReportTest {
    @TempDir
    Path dir;

    private static final StudyOptions SMALL = new StudyOptions(100, 300, 3.0, 200, 2, 0, 20, 100);

    private List<ModelBundle> twoModels() {
        ModelRepository repository = new ModelRepository(dir.resolve("models"));
        return List.of(Fixtures.writeBundle(repository, "tiny-vae", Fixtures.config(ModelKind.VAE, 3, false), 1),
                Fixtures.writeBundle(repository, "tiny-ae", Fixtures.config(ModelKind.AE, 2, false), 2));
    }

    private int cli(StringWriter err, String... args) {
        return cli(new StringWriter(), err, args);
    }

    private int cli(StringWriter out, StringWriter err, String... args) {
        return Cli.run(new AnalysisCli(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void writesEveryFileAndEveryTableRow() throws IOException {
        Path out = dir.resolve("report");
        Report report = new StudyReport(SMALL, InferenceOptions.cpu(), new PrintStream(new ByteArrayOutputStream())).write(twoModels(), out);

        for (String name : ReportWriter.documentNames(report)) {
            assertThat(out.resolve(name)).as(name).isNotEmptyFile();
        }
        for (var files : report.figures().values()) {
            for (String png : files.values()) {
                assertThat(out.resolve(png)).as(png).isNotEmptyFile();
                assertThat(Files.readAllBytes(out.resolve(png))).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            }
        }
        assertThat(report.figures().get("tiny-vae").values()).containsExactlyInAnyOrder("tiny-vae-samples.png",
                "tiny-vae-reconstructions.png", "tiny-vae-nearest.png", "tiny-vae-training.png", "tiny-vae-latents-by-shape.png",
                "tiny-vae-traversal-1.png", "tiny-vae-traversal-2.png", "tiny-vae-traversal-3.png", "tiny-vae-zero-out.png",
                "tiny-vae-pearson.png", "tiny-vae-spearman.png");
        String html = Files.readString(out.resolve("index.html"));
        String md = Files.readString(out.resolve("report.md"));
        for (TableRow row : report.table1()) {
            assertThat(html).contains(ReportTemplates.escapeHtml(row.label()));
            assertThat(md).contains(row.label().replace("|", "\\|"));
            // Two models with one sampler each, the limit (both models record the same split), the report's VAE and AE.
            assertThat(row.cells()).hasSize(5);
        }
        assertThat(report.table1Header()).containsExactly("metric", "tiny-vae v1 (vae, prior)", "tiny-ae v1 (ae, prior)",
                "limit: perfect generator", "report VAE", "report AE");
        assertThat(report.table1()).hasSize(10);
        assertThat(html).contains("2.2377").contains("57.1 %").contains("519.8196").contains("How this was computed")
                .contains("Against the protocol's limit").contains("does a model memorise?")
                .contains("DCI completeness").contains("SAP");
        for (List<TableRow> rows : List.of(report.limitTables().againstLimit(), report.disentanglement())) {
            for (TableRow row : rows) {
                assertThat(html).contains(ReportTemplates.escapeHtml(row.label()));
                assertThat(md).contains(row.label().replace("|", "\\|"));
            }
        }
        for (String finding : report.limitTables().generalisationFindings()) {
            assertThat(html).contains(ReportTemplates.escapeHtml(finding));
            assertThat(md).contains(finding);
        }
        assertThat(Files.readAllLines(out.resolve("table1.csv"))).hasSize(11);
        assertThat(Files.readAllLines(out.resolve("limit.csv"))).hasSize(3);
        // Two samplers and the perfect generator.
        assertThat(Files.readAllLines(out.resolve("generalisation.csv"))).hasSize(4);
        assertThat(Files.readAllLines(out.resolve("disentanglement.csv"))).hasSize(3).first().asString()
                .isEqualTo("model,MIG,DCI disentanglement,DCI completeness,DCI informativeness (training),DCI informativeness (held-out),SAP");
        assertThat(Files.readAllLines(out.resolve("information-rate.csv"))).hasSize(3);
        assertThat(Files.readAllLines(out.resolve("correlations-tiny-vae.csv"))).hasSize(4).first().asString().contains("spearman_triangle");
        assertThat(Files.readString(out.resolve("metrics.json"))).contains("\"coverageReportForm\"").contains("\"mig\"")
                .contains("\"limit\"").contains("\"coverageOfLimit\"").contains("\"dci\"").contains("\"sap\"");
        // Read back, the file is the records it was written from: every number of every model, NaN correlations included.
        assertThat(MetricsJson.read(out.resolve("metrics.json"))).isEqualTo(StudyResults.of(SMALL, report.studies()));
        for (String figureReference : report.figures().get("tiny-ae").values()) {
            assertThat(html).contains("src=\"" + figureReference + "\"");
        }
        // Nothing but the report is left beside it.
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("models", "report");
        }
    }

    /**
     * A VAE whose decoder draws one dataset image whatever z is: the report's numbers are what one
     * image scores, worked out by hand (ModelAnalyzerTest checks the same against the analyzer
     * directly; here, that the files carry them).
     */
    @Test
    void aModelThatDrawsOneImageScoresWhatOneImageScores() throws IOException {
        ShapesDataset dataset = ShapesDataset.standard();
        int target = IntStream.range(500, dataset.distinctImages().size()).filter(i -> dataset.entriesOf(i).size() == 1).findFirst().orElseThrow();
        ModelBundle oneImage = KnownModels.write(new ModelRepository(dir.resolve("models")), "one-image", ModelKind.VAE,
                dataset.distinctImages().get(target), 0.01);
        Path out = dir.resolve("report");
        new StudyReport(SMALL, InferenceOptions.cpu(), new PrintStream(new ByteArrayOutputStream())).write(List.of(oneImage), out);

        JsonNode model = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("models").get(0);
        JsonNode generative = model.get("samplers").get(0).get("generative");
        assertThat(generative.get("nearestNeighbourDistance").get("mean").asDouble()).isBetween(0.0, 1e-6);
        assertThat(generative.get("coverage").get("mean").asDouble()).isCloseTo(1.0 / 7824, within(1e-15));
        assertThat(generative.get("coverageReportForm").get("mean").asDouble()).isCloseTo(1.0 / 8002, within(1e-15));
        // D_KL(q, p) = log2 7824 - H(q) with H(q) = 0.
        assertThat(generative.get("klFromUniformBits").get("mean").asDouble()).isCloseTo(12.933690654952233, within(1e-9));
        // JS of a point mass and the uniform over n = 7824: 1/2 [log2(2n / (n + 1)) + 1/n log2(2 / (n + 1)) + (n - 1) / n].
        assertThat(generative.get("jensenShannonBits").get("mean").asDouble()).isCloseTo(0.9990812578036373, within(1e-9));
        // 1/8002 log2(1 / (8002 (1 + 1e-10))) + 8001/8002 log2(1e10 / 8002).
        assertThat(generative.get("klReportFormBits").get("mean").asDouble()).isCloseTo(20.248984663252465, within(1e-9));
        List<String> table = Files.readAllLines(out.resolve("table1.csv"));
        assertThat(table).anySatisfy(line -> assertThat(line).startsWith("avg. nearest-neighbour distance").contains(",0.0000 ± 0.0000,"));
        assertThat(table).anySatisfy(line -> assertThat(line).startsWith("\"D_KL(q, p) over distinct images").contains(",12.9337 ± 0.0000,"));
        assertThat(table).anySatisfy(line -> assertThat(line).startsWith("\"Jensen-Shannon").contains(",0.9991 ± 0.0000,"));
        assertThat(table).anySatisfy(line -> assertThat(line).startsWith("\"KL, report form").contains(",20.2490 ± 0.0000,"));

        // The limit: the perfect generator on the model's split (Fixtures records seed 7, 90 %), with its nearest-neighbour distance 0.
        assertThat(model.get("split").get("seed").asLong()).isEqualTo(7);
        assertThat(model.get("limit").get("nearestNeighbourDistance").get("mean").asDouble()).isEqualTo(0.0);
        double limitCoverage = model.get("limit").get("coverage").get("mean").asDouble();
        assertThat(model.get("samplers").get(0).get("againstLimit").get("coverageOfLimit").asDouble())
                .isCloseTo(1.0 / 7824 / limitCoverage, within(1e-12));
        // The one image is a training image or a held-out one; the report says which way that leans.
        boolean trainingImage = java.util.Arrays.stream(dataset.split(7, 0.9).train()).anyMatch(i -> i == target);
        String verdict = model.get("samplers").get(0).get("generalisation").get("verdict").asText();
        assertThat(verdict).isEqualTo(trainingImage ? "memorises" : "generalises");
        assertThat(Files.readString(out.resolve("report.md"))).contains("- one-image v1 (vae, prior) " + verdict + ": it covers ");
    }

    @Test
    void theSameInputsGiveTheSameNumbers() throws IOException {
        List<ModelBundle> bundles = twoModels();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        new StudyReport(SMALL, InferenceOptions.cpu(), quiet).write(bundles, dir.resolve("a"));
        new StudyReport(SMALL, InferenceOptions.cpu(), quiet).write(bundles, dir.resolve("b"));
        assertThat(Files.readString(dir.resolve("a/table1.csv"))).isEqualTo(Files.readString(dir.resolve("b/table1.csv")));
        assertThat(Files.readString(dir.resolve("a/mig.csv"))).isEqualTo(Files.readString(dir.resolve("b/mig.csv")));
    }

    @Test
    void refusesAFolderThatIsNotOursAndReplacesOneThatIs() throws IOException {
        List<ModelBundle> bundles = twoModels();
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "keep me");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertThatThrownBy(() -> new StudyReport(SMALL, InferenceOptions.cpu(), quiet).write(bundles, foreign))
                .hasMessageContaining("exists and is not a shapes-vae report folder");
        assertThat(foreign.resolve("notes.txt")).hasContent("keep me");

        Path ours = dir.resolve("ours");
        new StudyReport(SMALL, InferenceOptions.cpu(), quiet).write(bundles, ours);
        new StudyReport(SMALL, InferenceOptions.cpu(), quiet).write(bundles.subList(0, 1), ours);
        assertThat(ours.resolve("correlations-tiny-ae.csv")).doesNotExist();
        assertThat(ours.resolve("correlations-tiny-vae.csv")).exists();
    }

    @Test
    void emptyOrMissingRepositoryAndBrokenBundlesGiveClearErrors() throws IOException {
        StringWriter err = new StringWriter();
        assertThat(cli(err, "report", "--models", dir.resolve("none").toString(), "--out", dir.resolve("r").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--models " + dir.resolve("none") + ": no such folder");

        Files.createDirectories(dir.resolve("empty"));
        assertThat(cli(err, "report", "--models", dir.resolve("empty").toString(), "--out", dir.resolve("r").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("holds no usable models; train one with bin/trainer fit");

        ModelBundle vae = twoModels().get(0);
        String manifest = Files.readString(vae.manifestPath());
        Files.writeString(vae.manifestPath(), manifest.replace("\"kind\" : \"vae\"", "\"kind\" : \"flow\""));
        assertThat(cli(err, "report", "--strict", "--models", dir.resolve("models").toString(), "--out", dir.resolve("r").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--strict: 1 entry of the repository cannot be used").contains("unknown kind 'flow'");

        Files.writeString(vae.manifestPath(), manifest.replace("\"latentDim\" : 3,", "\"latentDim\" : 4,"));
        assertThat(cli(err, "report", "--strict", "--models", dir.resolve("models").toString(), "--out", dir.resolve("r").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is float32 [N, 3] but model.json implies float32 [N, 4]");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void aBrokenBundleOrStrayFolderIsSkippedWithOneWarningAndTheReportCoversTheRest() throws IOException {
        ModelBundle vae = twoModels().get(0);
        Files.write(vae.decoderPath(), new byte[] {0});
        Files.createDirectories(dir.resolve("models").resolve("tiny-ae").resolve("abc"));
        Files.createDirectories(dir.resolve("models").resolve(".tiny-ae.staging-1-x"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(cli(out, err, "report", "--models", dir.resolve("models").toString(), "--out", dir.resolve("r").toString(),
                "--seeds", "1", "--nn-samples", "20", "--coverage-samples", "50", "--kl-samples", "50")).as(err.toString()).isZero();
        List<String> warnings = err.toString().lines().filter(l -> l.startsWith("warning: ")).toList();
        assertThat(warnings).containsExactlyInAnyOrder(
                "warning: skipping " + dir.resolve("models").resolve("tiny-ae").resolve("abc") + ": version folder is not a positive integer",
                "warning: skipping " + vae.decoderPath() + ": sha256 mismatch: model.json says "
                        + vae.manifest().onnx().sha256().get("decoder.onnx") + " but the file hashes to "
                        + dev.shapesvae.repository.Sha256.hex(new byte[] {0}));
        String metrics = Files.readString(dir.resolve("r").resolve("metrics.json"));
        assertThat(metrics).contains("tiny-ae").doesNotContain("tiny-vae");
    }

    @Test
    void benchTimesEveryStageOfEveryModelAndLeavesNothingBehind() throws IOException, InterruptedException {
        twoModels();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] small = {"--models", dir.resolve("models").toString(), "--seeds", "1", "--nn-samples", "50", "--coverage-samples", "100",
            "--kl-samples", "100"};
        // In a JVM of its own whose temporary folder is this test's: the shared one may hold other runs' scratch folders.
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        CliRun.Result bench = UnprivilegedJvm.run(Files.createDirectories(dir.resolve("child")), false, List.of("-Djava.io.tmpdir=" + tmp),
                AnalysisCli.class, concat(new String[] {"bench", "--repeat", "2"}, small));
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        for (String model : List.of("tiny-vae", "tiny-ae")) {
            for (String stage : List.of("protocol limit", "generative metrics", "reconstruction", "latent analysis",
                    "disentanglement \\(DCI, SAP\\)", "figures")) {
                assertThat(bench.out()).containsPattern(model + " \\| " + stage + " +\\d+\\.\\d\\d +\\d+\\.\\d\\d");
            }
        }
        assertThat(bench.out()).contains("2 runs").contains("whole report");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("shapes-vae-bench-"));
        }

        assertThat(cli(out, err, concat(new String[] {"bench", "--repeat", "0"}, small))).isEqualTo(1);
        assertThat(err.toString()).contains("--repeat must be at least 1, got 0");
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
