package dev.shapesvae.analysis.report.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shapesvae.analysis.metrics.Estimate;
import dev.shapesvae.analysis.metrics.LatentCorrelations;
import dev.shapesvae.analysis.metrics.MutualInformationGap;
import dev.shapesvae.analysis.study.GenerativeMetrics;
import dev.shapesvae.analysis.study.LatentFindings;
import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.analysis.study.StudyOptions;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * metrics.json from a study whose numbers are set by hand, so that each one can be looked for
 * under its key; read with Jackson's generic tree, not our records, and then into the records.
 */
class MetricsJsonTest {
    private static final StudyOptions OPTIONS = new StudyOptions(100, 300, 3.0, 200, 2, 0, 20, 100);

    @TempDir
    Path dir;

    /** Two seeds of the distance, one of coverage; MIG gaps 0.1 to 0.4 for shape, size, x, y; a constant column for "x". */
    private static ModelStudy study() {
        ModelBundle bundle = new ModelBundle("hand-made", 3, Path.of("unused"), Fixtures.manifest(Fixtures.config(ModelKind.AE, 2, false)));
        Estimate one = Estimate.of(0.5);
        GenerativeMetrics generative = new GenerativeMetrics(Estimate.of(1, 3), Estimate.of(0.25), one, one, one, one);
        LatentCorrelations correlations = new LatentCorrelations(List.of("size", "x"),
                new double[][] {{0.5, Double.NaN}, {-0.25, Double.NaN}}, new double[][] {{0.75, Double.NaN}, {0.125, Double.NaN}});
        MutualInformationGap mig = new MutualInformationGap(0.25, new double[] {0.1, 0.2, 0.3, 0.4}, new double[2][4]);
        LatentFindings latent = new LatentFindings(new double[] {1.5, 2.5}, 4, new double[] {3, 4}, 7, correlations, mig,
                List.of("shape", "size", "x", "y"), new FloatMatrix(1, 2, new float[2]));
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("generative metrics", 2.0);
        seconds.put("reconstruction", 1.0);
        return new ModelStudy(bundle, generative, 100.5, 9900.25, latent, seconds);
    }

    private JsonNode written() throws IOException {
        Path file = dir.resolve("metrics.json");
        Files.writeString(file, MetricsJson.toJson(StudyResults.of(OPTIONS, List.of(study()))));
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void eachHandSetNumberLandsUnderItsKey() throws IOException {
        JsonNode model = written().get("models").get(0);
        assertThat(model.get("name").asText()).isEqualTo("hand-made");
        assertThat(model.get("version").asInt()).isEqualTo(3);
        assertThat(model.get("config").get("hyperparameters").get("latentNoise").asDouble()).isEqualTo(0.2);
        // Values 1 and 3: mean 2, sd sqrt(2), so the half-width is t(0.975, 1 df) sqrt(2) / sqrt(2) = tan(0.475 pi).
        JsonNode distance = model.get("generative").get("nearestNeighbourDistance");
        double t = Math.tan(0.475 * Math.PI);
        assertThat(distance.get("mean").asDouble()).isEqualTo(2.0);
        assertThat(distance.get("low95").asDouble()).isCloseTo(2 - t, within(1e-9));
        assertThat(distance.get("high95").asDouble()).isCloseTo(2 + t, within(1e-9));
        assertThat(distance.get("values").toString()).isEqualTo("[1.0,3.0]");
        // One seed has no interval: the ends are left out rather than written as NaN.
        JsonNode coverage = model.get("generative").get("coverage");
        assertThat(coverage.get("mean").asDouble()).isEqualTo(0.25);
        assertThat(coverage.has("low95")).isFalse();
        assertThat(coverage.has("high95")).isFalse();
        assertThat(model.get("reconstructionBitsPerImage").asDouble()).isEqualTo(100.5);
        assertThat(model.get("reconstructionReportFormBits").asDouble()).isEqualTo(9900.25);

        JsonNode latent = model.get("latent");
        assertThat(latent.get("rateBits").asDouble()).isEqualTo(4.0);
        assertThat(latent.get("rateBitsPerDimension").toString()).isEqualTo("[1.5,2.5]");
        assertThat(latent.get("rateReportFormBits").asDouble()).isEqualTo(7.0);
        assertThat(latent.get("mig").asDouble()).isEqualTo(0.25);
        assertThat(latent.get("migPerFactor").toString()).isEqualTo("{\"shape\":0.1,\"size\":0.2,\"x\":0.3,\"y\":0.4}");
        // A constant column has no correlation; JSON has no NaN, so it is null.
        assertThat(latent.get("pearson").toString()).isEqualTo("[[0.5,null],[-0.25,null]]");
        assertThat(latent.get("spearman").toString()).isEqualTo("[[0.75,null],[0.125,null]]");
        assertThat(model.get("stageSeconds").toString()).isEqualTo("{\"generative metrics\":2.0,\"reconstruction\":1.0}");
    }

    @Test
    void keysComeInTheRecordsOrderEveryTime() throws IOException {
        JsonNode root = written();
        assertThat(root.fieldNames()).toIterable().containsExactly("options", "models");
        assertThat(root.get("models").get(0).fieldNames()).toIterable().containsExactly("name", "version", "config", "generative",
                "reconstructionBitsPerImage", "reconstructionReportFormBits", "latent", "stageSeconds");
        assertThat(root.get("models").get(0).get("generative").fieldNames()).toIterable().containsExactly("nearestNeighbourDistance",
                "coverage", "coverageReportForm", "klReportFormBits", "klFromUniformBits", "jensenShannonBits");
        assertThat(root.get("models").get(0).get("latent").fieldNames()).toIterable().containsExactly("rateBits", "rateBitsPerDimension",
                "rateReportFormBits", "mig", "migPerFactor", "features", "pearson", "spearman");
        assertThat(root.get("options").fieldNames()).toIterable().containsExactly("nearestNeighbourSamples", "coverageSamples", "tau",
                "klSamples", "seeds", "seed", "migBins", "reportBatch");
    }

    @Test
    void theFileReadsBackIntoEqualRecords() throws IOException {
        StudyResults results = StudyResults.of(OPTIONS, List.of(study()));
        Path file = dir.resolve("metrics.json");
        Files.writeString(file, MetricsJson.toJson(results));
        StudyResults read = MetricsJson.read(file);
        assertThat(read).isEqualTo(results);
        assertThat(read.models().get(0).latent().pearson().get(1)).containsExactly(-0.25, null);
        assertThat(read.models().get(0).generative().coverage().low95()).isNull();
    }

    @Test
    void recordsRefuseCorrelationsThatDoNotFitTheLatentSize() {
        assertThatThrownBy(() -> new LatentResults(1, List.of(0.5, 0.5), 1, 0, Map.of(), List.of("size"), List.of(List.of(0.1)),
                List.of(List.of(0.1), List.of(0.2))))
                .hasMessage("correlations have 1 rows for 2 latent dimensions");
        assertThatThrownBy(() -> new SeedEstimate(1, 0.5, null, List.of(1.0)))
                .hasMessage("an interval needs both ends, got low95 0.5 and high95 null");
    }
}
