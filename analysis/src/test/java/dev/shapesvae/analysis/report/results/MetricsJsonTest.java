package dev.shapesvae.analysis.report.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shapesvae.analysis.metrics.Estimate;
import dev.shapesvae.analysis.study.GenerativeMetrics;
import dev.shapesvae.analysis.study.HandMadeStudies;
import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.analysis.study.StudyOptions;
import dev.shapesvae.dataset.DatasetSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Two seeds of the distance, one of everything else; the limit's coverage of held-out images is
     * 0, so that share is undefined; the rest as {@link HandMadeStudies#study} sets it.
     */
    private static ModelStudy study() {
        GenerativeMetrics prior = new GenerativeMetrics(Estimate.of(1, 3), Estimate.of(0.25), Estimate.of(0.5), Estimate.of(0.3),
                Estimate.of(0.1), Estimate.of(8), Estimate.of(3), Estimate.of(0.75));
        GenerativeMetrics limit = new GenerativeMetrics(Estimate.of(0), Estimate.of(0.5), Estimate.of(0.4), Estimate.of(0.6), Estimate.of(0),
                Estimate.of(7), Estimate.of(1), Estimate.of(0.25));
        return HandMadeStudies.study("hand-made", new DatasetSplit(7, 0.75, new int[] {0, 2, 3}, new int[] {1}), prior, limit);
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
        assertThat(model.get("split").toString()).isEqualTo("{\"seed\":7,\"trainFraction\":0.75,\"trainImages\":3,\"heldOutImages\":1}");
        JsonNode prior = model.get("samplers").get(0);
        assertThat(prior.get("sampler").asText()).isEqualTo("prior");
        // Values 1 and 3: mean 2, sd sqrt(2), so the half-width is t(0.975, 1 df) sqrt(2) / sqrt(2) = tan(0.475 pi).
        JsonNode distance = prior.get("generative").get("nearestNeighbourDistance");
        double t = Math.tan(0.475 * Math.PI);
        assertThat(distance.get("mean").asDouble()).isEqualTo(2.0);
        assertThat(distance.get("low95").asDouble()).isCloseTo(2 - t, within(1e-9));
        assertThat(distance.get("high95").asDouble()).isCloseTo(2 + t, within(1e-9));
        assertThat(distance.get("values").toString()).isEqualTo("[1.0,3.0]");
        // One seed has no interval: the ends are left out rather than written as NaN.
        JsonNode coverage = prior.get("generative").get("coverage");
        assertThat(coverage.get("mean").asDouble()).isEqualTo(0.25);
        assertThat(coverage.has("low95")).isFalse();
        assertThat(coverage.has("high95")).isFalse();
        assertThat(prior.get("generative").get("coverageTrain").get("mean").asDouble()).isEqualTo(0.3);
        assertThat(prior.get("generative").get("coverageHeldOut").get("mean").asDouble()).isEqualTo(0.1);
        // Coverage as a share of the limit's: 0.25 / 0.5, 0.5 / 0.4, 0.3 / 0.6, and 0.1 / 0 undefined (null);
        // divergences in bits above the limit's: 8 - 7, 3 - 1, 0.75 - 0.25.
        assertThat(prior.get("againstLimit").toString()).isEqualTo("{\"coverageOfLimit\":0.5,\"coverageReportFormOfLimit\":1.25,"
                + "\"coverageTrainOfLimit\":0.5,\"coverageHeldOutOfLimit\":null,\"klReportFormBitsAboveLimit\":1.0,"
                + "\"klFromUniformBitsAboveLimit\":2.0,\"jensenShannonBitsAboveLimit\":0.5}");
        // Training coverage 0.3, held-out 0.1: a gap of 0.2, two thirds of the training coverage, memorising.
        JsonNode generalisation = prior.get("generalisation");
        assertThat(generalisation.get("gap").get("mean").asDouble()).isCloseTo(0.2, within(1e-15));
        assertThat(generalisation.get("shortfall").asDouble()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(generalisation.get("verdict").asText()).isEqualTo("memorises");
        assertThat(model.get("limit").get("coverage").get("mean").asDouble()).isEqualTo(0.5);
        assertThat(model.get("limit").get("klReportFormBits").get("mean").asDouble()).isEqualTo(7.0);
        assertThat(model.get("reconstructionBitsPerImage").asDouble()).isEqualTo(100.5);
        assertThat(model.get("reconstructionReportFormBits").asDouble()).isEqualTo(9900.25);

        JsonNode latent = model.get("latent");
        assertThat(latent.get("rateBits").asDouble()).isEqualTo(4.0);
        assertThat(latent.get("rateBitsPerDimension").toString()).isEqualTo("[1.5,2.5]");
        assertThat(latent.get("rateReportFormBits").asDouble()).isEqualTo(7.0);
        assertThat(latent.get("mig").asDouble()).isEqualTo(0.25);
        assertThat(latent.get("migPerFactor").toString()).isEqualTo("{\"shape\":0.1,\"size\":0.2,\"x\":0.3,\"y\":0.4}");
        assertThat(latent.get("dci").toString()).isEqualTo("{\"disentanglement\":0.5,\"completeness\":0.25,\"informativenessTrain\":1.0,"
                + "\"informativenessTest\":0.75,\"importance\":[[1.0,0.0,0.5,0.5],[0.0,1.0,0.5,0.5]]}");
        // SAP's gaps: 0.75 - 0.25, 0.5 - 0.5, 0.25 - 0.125, 1 - 0.5; their mean 0.28125.
        assertThat(latent.get("sap").toString()).isEqualTo("{\"score\":0.28125,\"perFactor\":{\"shape\":0.5,\"size\":0.0,\"x\":0.125,"
                + "\"y\":0.5},\"accuracy\":[[0.75,0.5,0.25,0.5],[0.25,0.5,0.125,1.0]]}");
        // A constant column has no correlation; JSON has no NaN, so it is null.
        assertThat(latent.get("pearson").toString()).isEqualTo("[[0.5,null],[-0.25,null]]");
        assertThat(latent.get("spearman").toString()).isEqualTo("[[0.75,null],[0.125,null]]");
        assertThat(model.get("stageSeconds").toString()).isEqualTo("{\"generative metrics\":2.0,\"reconstruction\":1.0}");
    }

    @Test
    void keysComeInTheRecordsOrderEveryTime() throws IOException {
        JsonNode root = written();
        assertThat(root.fieldNames()).toIterable().containsExactly("options", "models");
        JsonNode model = root.get("models").get(0);
        assertThat(model.fieldNames()).toIterable().containsExactly("name", "version", "config", "split", "samplers", "limit",
                "reconstructionBitsPerImage", "reconstructionReportFormBits", "latent", "stageSeconds");
        assertThat(model.get("samplers").get(0).fieldNames()).toIterable().containsExactly("sampler", "generative", "againstLimit",
                "generalisation");
        for (JsonNode generative : List.of(model.get("samplers").get(0).get("generative"), model.get("limit"))) {
            assertThat(generative.fieldNames()).toIterable().containsExactly("nearestNeighbourDistance", "coverage", "coverageReportForm",
                    "coverageTrain", "coverageHeldOut", "klReportFormBits", "klFromUniformBits", "jensenShannonBits");
        }
        assertThat(model.get("latent").fieldNames()).toIterable().containsExactly("rateBits", "rateBitsPerDimension",
                "rateReportFormBits", "mig", "migPerFactor", "dci", "sap", "features", "pearson", "spearman");
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
        assertThat(read.models().get(0).samplers().get(0).generative().coverage().low95()).isNull();
        assertThat(read.models().get(0).samplers().get(0).againstLimit().coverageHeldOutOfLimit()).isNull();
    }

    @Test
    void recordsRefuseCorrelationsThatDoNotFitTheLatentSize() {
        LatentResults valid = StudyResults.of(OPTIONS, List.of(study())).models().get(0).latent();
        assertThatThrownBy(() -> new LatentResults(1, List.of(0.5, 0.5), 1, 0, Map.of(), valid.dci(), valid.sap(), List.of("size"),
                List.of(List.of(0.1)), List.of(List.of(0.1), List.of(0.2))))
                .hasMessage("correlations have 1 rows for 2 latent dimensions");
        assertThatThrownBy(() -> new SeedEstimate(1, 0.5, null, List.of(1.0)))
                .hasMessage("an interval needs both ends, got low95 0.5 and high95 null");
    }
}
