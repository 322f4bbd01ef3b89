package dev.shapesvae.server.v2.rest;

import static dev.shapesvae.testing.HttpProbe.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.util.JsonFormat;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.server.ServerSettings;
import dev.shapesvae.server.ShapesServer;
import dev.shapesvae.server.v2.proto.ModelConfigProto.ModelConfig;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.HttpProbe;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triton's protocol extensions over REST as its clients call them (tritonclient.http's
 * get_model_config, get_model_repository_index, load_model, unload_model and
 * get_inference_statistics send these requests), against a real server on a random port.
 */
@Timeout(120)
class TritonExtensionsTest {
    private static final String TOKEN = "admin-secret";

    @TempDir
    Path root;

    private ShapesServer server;
    private HttpProbe http;
    private ModelRepository repository;

    @BeforeEach
    void start() throws Exception {
        repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 1);
        Fixtures.writeBundle(repository, "ae", Fixtures.config(ModelKind.AE, 2, false), 2);
        Files.createDirectories(repository.root().resolve("broken").resolve("1"));
        server = ShapesServer.start(ServerSettings.of(repository.root(), InferenceOptions.cpu(), 3, 64, 1 << 20).withAdminToken(TOKEN),
                "127.0.0.1", 0);
        http = new HttpProbe(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> infer(String graph, int rows) throws Exception {
        String input = graph.endsWith("-decoder") ? "z" : "image";
        int width = graph.startsWith("vae") ? (input.equals("z") ? 3 : 784) : (input.equals("z") ? 2 : 784);
        return http.post("/v2/models/" + graph + "/infer", "{\"inputs\": [{\"name\": \"" + input + "\", \"datatype\": \"FP32\", \"shape\": ["
                + rows + ", " + width + "], \"data\": " + java.util.Arrays.toString(new float[rows * width]) + "}]}");
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("error").asText()).contains(message);
    }

    @Test
    void serverMetadataListsTheExtensionsImplemented() throws Exception {
        assertThat(json(http.get("/v2")).get("extensions").toString())
                .isEqualTo("[\"binary_tensor_data\",\"model_configuration\",\"model_repository\",\"statistics\"]");
    }

    @Test
    void modelConfigurationIsTritonsModelConfigAsJson() throws Exception {
        JsonNode config = json(http.get("/v2/models/vae-encoder/config"));

        assertThat(config.get("name").asText()).isEqualTo("vae-encoder");
        assertThat(config.get("platform").asText()).isEqualTo("onnxruntime_onnx");
        assertThat(config.get("backend").asText()).isEqualTo("onnxruntime");
        assertThat(config.get("max_batch_size").asInt()).isEqualTo(64);
        assertThat(config.get("version_policy").toString()).isEqualTo("{\"all\":{}}");
        assertThat(config.get("input").toString())
                .isEqualTo("[{\"name\":\"image\",\"data_type\":\"TYPE_FP32\",\"format\":\"FORMAT_NONE\",\"dims\":[784]}]");
        assertThat(config.get("output").toString()).isEqualTo("[{\"name\":\"mean\",\"data_type\":\"TYPE_FP32\",\"dims\":[3]},"
                + "{\"name\":\"logvar\",\"data_type\":\"TYPE_FP32\",\"dims\":[3]}]");
        assertThat(config.get("instance_group").toString())
                .isEqualTo("[{\"name\":\"vae-encoder\",\"count\":3,\"gpus\":[],\"kind\":\"KIND_CPU\"}]");
        assertThat(config.get("default_model_filename").asText()).isEqualTo("encoder.onnx");
        assertThat(config.get("parameters").toString())
                .isEqualTo("{\"kind\":{\"string_value\":\"vae\"},\"latent_dim\":{\"string_value\":\"3\"}}");
        // Every field is one of ModelConfig's (the parser refuses unknown ones) with its .proto name.
        ModelConfig.Builder parsed = ModelConfig.newBuilder();
        JsonFormat.parser().merge(config.toString(), parsed);
        assertThat(parsed.getOutput(1).getDims(0)).isEqualTo(3);

        JsonNode decoder = json(http.get("/v2/models/ae-decoder/versions/1/config"));
        assertThat(decoder.get("input").get(0).get("dims").toString()).isEqualTo("[2]");
        assertThat(decoder.get("output").findValuesAsText("name")).containsExactly("logits", "probs");
        assertError(http.get("/v2/models/ae-decoder/versions/7/config"), 404, "model 'ae' has no version 7");
        assertError(http.get("/v2/models/nope-decoder/config"), 404, "no model named 'nope'");
    }

    @Test
    void statisticsCountSuccessesFailuresRowsAndTimesPerGraphAndVersion() throws Exception {
        assertThat(infer("vae-decoder", 2).statusCode()).isEqualTo(200);
        assertThat(infer("vae-decoder", 5).statusCode()).isEqualTo(200);
        assertError(http.post("/v2/models/vae-decoder/infer", "{\"inputs\": [{\"name\": \"z\", \"datatype\": \"FP32\", \"shape\": [1, 3],"
                + " \"data\": [3e38, -3e38, 3e38]}]}"), 400, "not finite");
        assertThat(infer("vae-encoder", 1).statusCode()).isEqualTo(200);

        JsonNode stats = json(http.get("/v2/models/vae-decoder/stats")).get("model_stats");
        assertThat(stats).hasSize(1);
        JsonNode decoder = stats.get(0);
        assertThat(decoder.get("name").asText()).isEqualTo("vae-decoder");
        assertThat(decoder.get("version").asText()).isEqualTo("1");
        assertThat(decoder.get("inference_count").asLong()).isEqualTo(7);
        assertThat(decoder.get("execution_count").asLong()).isEqualTo(2);
        assertThat(decoder.get("last_inference").asLong()).isPositive();
        JsonNode inference = decoder.get("inference_stats");
        assertThat(inference.get("success").get("count").asLong()).isEqualTo(2);
        assertThat(inference.get("fail").get("count").asLong()).isEqualTo(1);
        assertThat(inference.get("fail").get("ns").asLong()).isPositive();
        for (String phase : List.of("queue", "compute_input", "compute_infer", "compute_output")) {
            assertThat(inference.get(phase).get("count").asLong()).as(phase).isEqualTo(2);
        }
        assertThat(inference.get("compute_infer").get("ns").asLong()).isPositive();
        // A successful request's time is the sum of its phases.
        long phases = 0;
        for (String phase : List.of("queue", "compute_input", "compute_infer", "compute_output")) {
            phases += inference.get(phase).get("ns").asLong();
        }
        assertThat(inference.get("success").get("ns").asLong()).isEqualTo(phases);
        assertThat(inference.get("cache_hit").get("count").asLong()).isZero();

        JsonNode all = json(http.get("/v2/models/stats")).get("model_stats");
        assertThat(all.findValuesAsText("name")).containsExactly("ae-encoder", "ae-decoder", "vae-encoder", "vae-decoder");
        assertThat(all.get(2).get("inference_count").asLong()).isEqualTo(1);
        assertThat(all.get(0).get("inference_stats").get("success").get("count").asLong()).isZero();
        assertThat(json(http.get("/v2/models/vae-decoder/versions/1/stats")).get("model_stats").get(0)).isEqualTo(decoder);
        assertError(http.get("/v2/models/vae-decoder/versions/2/stats"), 404, "has no version 2");
        assertError(http.get("/v2/models/nope-decoder/stats"), 404, "no model named 'nope'");
    }

    @Test
    void prometheusExportsTheStatisticsUnderTritonsNamesWithHelp() throws Exception {
        infer("vae-decoder", 2);
        infer("vae-decoder", 5);
        http.get("/v2/models/junk-decoder/stats");
        infer("junk-decoder", 1);

        String metrics = http.send(http.request("/prometheus").header("Accept", "text/plain").GET()).body();
        JsonNode stats = json(http.get("/v2/models/vae-decoder/stats")).get("model_stats").get(0);
        String labels = "{model=\"vae-decoder\",version=\"1\"}";
        assertThat(value(metrics, "nv_inference_request_success_total" + labels)).isEqualTo(2);
        assertThat(value(metrics, "nv_inference_request_failure_total" + labels)).isEqualTo(0);
        assertThat(value(metrics, "nv_inference_count_total" + labels)).isEqualTo(7);
        assertThat(value(metrics, "nv_inference_exec_count_total" + labels)).isEqualTo(2);
        assertThat(value(metrics, "nv_inference_compute_infer_duration_seconds_total" + labels))
                .isCloseTo(stats.get("inference_stats").get("compute_infer").get("ns").asLong() / 1e9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(value(metrics, "nv_inference_queue_duration_seconds_total" + labels))
                .isCloseTo(stats.get("inference_stats").get("queue").get("ns").asLong() / 1e9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(metrics).contains("# HELP nv_inference_queue_duration_seconds_total Time successful requests waited for a free worker"
                + " (Triton: nv_inference_queue_duration_us, in microseconds)");
        assertThat(metrics).contains("# TYPE nv_inference_request_success_total counter");
        // Only served graphs become labels.
        assertThat(metrics).doesNotContain("junk");
    }

    @Test
    void promtoolFindsNothingToLintInOurMetrics() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool is not installed (Debian package prometheus)");
        infer("vae-decoder", 2);
        http.post("/api/models/ae/sample", "{\"count\": 1}");
        String metrics = http.send(http.request("/prometheus").header("Accept", "text/plain").GET()).body();
        // Ours: the nv_inference_* families and shapesvae_requests_seconds, each with its HELP and TYPE lines.
        String ours = metrics.lines().filter(l -> l.matches("(# (HELP|TYPE) )?(nv_inference_|shapesvae_).*"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        assertThat(ours).contains("nv_inference_count_total").contains("shapesvae_requests_seconds_bucket");

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(ours.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String said = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(said).isZero();
        assertThat(said).isEmpty();
    }

    private static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + series));
    }

    @Test
    void theRepositoryIndexListsEveryGraphVersionWithItsState() throws Exception {
        JsonNode index = json(http.post("/v2/repository/index", ""));

        List<String> rows = new ArrayList<>();
        index.forEach(e -> rows.add(e.get("name").asText() + "/" + e.get("version").asText() + " " + e.get("state").asText()));
        assertThat(rows).containsExactly("ae-decoder/1 READY", "ae-encoder/1 READY", "broken-decoder/1 UNAVAILABLE",
                "broken-encoder/1 UNAVAILABLE", "vae-decoder/1 READY", "vae-encoder/1 READY");
        assertThat(index.get(2).get("reason").asText()).contains("missing file");
        assertThat(index.get(0).get("reason").asText()).isEmpty();
        assertThat(json(http.post("/v2/repository/index", "{\"ready\": true}")).findValuesAsText("name"))
                .containsExactly("ae-decoder", "ae-encoder", "vae-decoder", "vae-encoder");
    }

    @Test
    void unloadAndLoadNeedTheAdminTokenAndActOnBothGraphsOfAModel() throws Exception {
        assertError(http.post("/v2/repository/models/vae-decoder/unload", "{\"parameters\": {\"unload_dependents\": false}}"), 401,
                "Authorization: Bearer");
        assertThat(infer("vae-encoder", 1).statusCode()).isEqualTo(200);

        HttpResponse<String> unloaded = http.post("/v2/repository/models/vae-decoder/unload", "{\"parameters\": {\"unload_dependents\": false}}",
                "Authorization", "Bearer " + TOKEN);
        assertThat(unloaded.statusCode()).as(unloaded.body()).isEqualTo(200);
        assertError(infer("vae-encoder", 1), 404, "model 'vae' is unloaded");
        assertThat(http.get("/v2/models/vae-decoder/ready").statusCode()).isEqualTo(404);
        JsonNode index = json(http.post("/v2/repository/index", ""));
        assertThat(index.toString()).contains("{\"name\":\"vae-encoder\",\"version\":\"\",\"state\":\"UNAVAILABLE\",\"reason\":\"unloaded\"}");
        // A reload of the whole repository leaves an unloaded model unloaded.
        http.post("/api/admin/reload", "", "Authorization", "Bearer " + TOKEN);
        assertThat(infer("vae-encoder", 1).statusCode()).isEqualTo(404);

        HttpResponse<String> loaded = http.post("/v2/repository/models/vae-encoder/load", "{}", "Authorization", "Bearer " + TOKEN);
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        assertThat(infer("vae-decoder", 1).statusCode()).isEqualTo(200);
        assertThat(infer("ae-decoder", 1).statusCode()).isEqualTo(200);

        assertError(http.post("/v2/repository/models/broken-decoder/load", "{}", "Authorization", "Bearer " + TOKEN), 400,
                "failed to load 'broken-decoder': " + repository.root().resolve("broken").resolve("1"));
        assertError(http.post("/v2/repository/models/nothing-decoder/load", "{}", "Authorization", "Bearer " + TOKEN), 400,
                "the repository has no model 'nothing' with a version");
        assertError(http.post("/v2/repository/models/vae-decoder/load", "{\"parameters\": {\"config\": \"{}\"}}", "Authorization",
                "Bearer " + TOKEN), 400, "parameters.config: this server loads models only as the repository holds them");
        assertError(http.post("/v2/repository/models/nothing-decoder/unload", "{}", "Authorization", "Bearer " + TOKEN), 404,
                "no model named 'nothing'");
    }
}
