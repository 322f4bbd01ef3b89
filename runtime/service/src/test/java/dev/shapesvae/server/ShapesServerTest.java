package dev.shapesvae.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.export.MlpWeights;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.HttpProbe;
import dev.shapesvae.testing.ReferenceMlp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server on a random loopback port over real bundles, driven over HTTP. The tests share one
 * server that none of them changes; the reload test, which adds a version, has a server of its own.
 */
@Timeout(120)
class ShapesServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String ADMIN_TOKEN = "test-admin-token";

    @TempDir
    static Path root;

    private static ShapesServer server;
    private static ModelRepository repository;

    @BeforeAll
    static void start() {
        repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 1);
        Fixtures.writeBundle(repository, "ae", Fixtures.config(ModelKind.AE, 2, false), 2);
        server = ShapesServer.start(ServerSettings.of(repository.root(), InferenceOptions.cpu(), 2, 64, 200_000), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return post(path, body, "application/json");
    }

    private static HttpResponse<String> post(String path, String body, String contentType) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(server.uri() + path);
    }

    /** The first dataset entry, in canonical order, nearest to an image: a loop over all 8002 entries, written from SPEC section 5. */
    private static ShapeEntry nearestEntry(float[] image) {
        ShapeEntry best = null;
        double bestSquare = Double.POSITIVE_INFINITY;
        for (ShapeEntry entry : ShapesDataset.standard().entries()) {
            float[] pixels = entry.image().toFloats();
            double square = 0;
            for (int p = 0; p < pixels.length; p++) {
                square += (image[p] - pixels[p]) * (double) (image[p] - pixels[p]);
            }
            if (square < bestSquare) {
                bestSquare = square;
                best = entry;
            }
        }
        return best;
    }

    private static double distance(float[] image, ShapeEntry entry) {
        float[] pixels = entry.image().toFloats();
        double square = 0;
        for (int p = 0; p < pixels.length; p++) {
            square += (image[p] - pixels[p]) * (double) (image[p] - pixels[p]);
        }
        return Math.sqrt(square);
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.parseFloat(array.get(i).asText());
        }
        return values;
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(response).get("error").asText()).contains(message);
    }

    private static String zeros(int n) {
        return Arrays.toString(new float[n]);
    }

    @Test
    void listsModelsWithTheirVersionsAndKinds() throws Exception {
        JsonNode models = json(get("/api/models", "application/json"));
        assertThat(models).hasSize(2);
        JsonNode vae = json(get("/api/models/vae", "application/json"));
        assertThat(vae.get("kind").asText()).isEqualTo("vae");
        assertThat(vae.get("latentDim").asInt()).isEqualTo(3);
        assertThat(vae.get("training").get("device").asText()).isEqualTo("cpu");
    }

    @Test
    void samplingIsReproducibleForASeedAndLabelsTheSamples() throws Exception {
        JsonNode a = json(post("/api/models/vae/sample", "{\"count\": 3, \"seed\": 9, \"label\": true}"));
        JsonNode b = json(post("/api/models/vae/sample", "{\"count\": 3, \"seed\": 9}"));
        assertThat(a.get("images")).hasSize(3);
        assertThat(a.get("images").get(0)).hasSize(784);
        assertThat(a.get("images")).isEqualTo(b.get("images"));
        assertThat(a.get("labels")).hasSize(3);
        assertThat(b.get("labels")).isNull();
        // The JSON carries the model's floats exactly: each number parses back to the same float.
        try (GenerativeModel model = GenerativeModel.load(repository.load("vae"), InferenceOptions.cpu())) {
            FloatMatrix probs = model.sample(3, 9, 1.0).probs();
            for (int i = 0; i < 3; i++) {
                assertThat(floats(a.get("images").get(i))).isEqualTo(probs.row(i));
            }
        }
        // Each label is the first entry nearest to its image, at its Euclidean distance.
        for (int i = 0; i < 3; i++) {
            float[] image = floats(a.get("images").get(i));
            ShapeEntry expected = nearestEntry(image);
            JsonNode label = a.get("labels").get(i);
            assertThat(label.get("shape").asText()).as("label %d", i).isEqualTo(expected.shape().label());
            assertThat(label.get("size").asInt()).as("label %d", i).isEqualTo(expected.size());
            assertThat(label.get("x").asInt()).as("label %d", i).isEqualTo(expected.x());
            assertThat(label.get("y").asInt()).as("label %d", i).isEqualTo(expected.y());
            assertThat(label.get("distance").asDouble()).as("label %d", i).isCloseTo(distance(image, expected), within(1e-6));
            assertThat(label.get("withinThreshold").asBoolean()).isEqualTo(distance(image, expected) <= 3.0);
        }
    }

    @Test
    void servesPngGridsWhenAskedFor() throws Exception {
        HttpResponse<byte[]> png = CLIENT.send(HttpRequest.newBuilder(uri("/api/models/ae/sample")).header("Content-Type", "application/json")
                .header("Accept", "image/png").POST(HttpRequest.BodyPublishers.ofString("{\"count\": 16}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(png.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        HttpResponse<byte[]> traversal = CLIENT.send(HttpRequest.newBuilder(uri("/api/models/ae/traverse?dim=1&steps=5&entry=100"))
                .header("Accept", "image/png").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(traversal.statusCode()).isEqualTo(200);
        assertThat(json(get("/api/models/ae/traverse?dim=1&steps=5", "application/json")).get("images")).hasSize(5);
    }

    @Test
    void encodeThenDecodeIsReconstruct() throws Exception {
        float[] image = ShapesDataset.standard().entries().get(123).image().toFloats();
        String images = "{\"images\": [" + Arrays.toString(image) + "]}";
        JsonNode encoded = json(post("/api/models/vae/encode", images));
        assertThat(encoded.get("z").get(0)).hasSize(3);
        assertThat(encoded.get("logvar").get(0)).hasSize(3);
        JsonNode decoded = json(post("/api/models/vae/decode", "{\"z\": " + encoded.get("z") + "}"));
        JsonNode reconstructed = json(post("/api/models/vae/reconstruct", images));
        assertThat(decoded.get("images")).isEqualTo(reconstructed.get("images"));
        assertThat(json(post("/api/models/ae/encode", images)).get("logvar")).isNull();
    }

    @Test
    void kserveV2MetadataAndInferenceFollowTheProtocol() throws Exception {
        JsonNode meta = json(get("/v2", "application/json"));
        assertThat(meta.get("name").asText()).isEqualTo("shapes-vae");
        assertThat(meta.has("version")).isTrue();
        assertThat(meta.get("extensions").isArray()).isTrue();
        assertThat(json(get("/v2/health/live", "application/json")).get("live").asBoolean()).isTrue();
        assertThat(json(get("/v2/health/ready", "application/json")).get("ready").asBoolean()).isTrue();
        assertThat(get("/v2/models/vae-encoder/ready", "application/json").statusCode()).isEqualTo(200);
        assertThat(get("/v2/models/vae-encoder/versions/1/ready", "application/json").statusCode()).isEqualTo(200);

        JsonNode model = json(get("/v2/models/vae-encoder", "application/json"));
        assertThat(model.get("name").asText()).isEqualTo("vae-encoder");
        assertThat(model.get("platform").asText()).isEqualTo("onnx_onnxv1");
        assertThat(model.get("versions").get(0).asText()).isEqualTo("1");
        assertThat(model.get("inputs").get(0).toString()).isEqualTo("{\"name\":\"image\",\"datatype\":\"FP32\",\"shape\":[-1,784]}");
        assertThat(model.get("outputs").get(0).get("name").asText()).isEqualTo("mean");
        assertThat(model.get("outputs").get(1).get("name").asText()).isEqualTo("logvar");
        assertThat(json(get("/v2/models/ae-decoder/versions/1", "application/json")).get("inputs").get(0).get("shape").toString())
                .isEqualTo("[-1,2]");

        String flat = "{\"id\": \"req-1\", \"inputs\": [{\"name\": \"z\", \"shape\": [2, 3], \"datatype\": \"FP32\", \"data\": [0, 0.5, 1, -1, 0, 2]}]}";
        String nested = "{\"inputs\": [{\"name\": \"z\", \"shape\": [2, 3], \"datatype\": \"FP32\", \"data\": [[0, 0.5, 1], [-1, 0, 2]]}],"
                + " \"outputs\": [{\"name\": \"probs\"}]}";
        JsonNode a = json(post("/v2/models/vae-decoder/infer", flat));
        JsonNode b = json(post("/v2/models/vae-decoder/versions/1/infer", nested));
        assertThat(a.get("model_name").asText()).isEqualTo("vae-decoder");
        assertThat(a.get("model_version").asText()).isEqualTo("1");
        assertThat(a.get("id").asText()).isEqualTo("req-1");
        assertThat(a.get("outputs")).hasSize(2);
        JsonNode probs = a.get("outputs").get(1);
        assertThat(probs.get("name").asText()).isEqualTo("probs");
        assertThat(probs.get("datatype").asText()).isEqualTo("FP32");
        assertThat(probs.get("shape").toString()).isEqualTo("[2,784]");
        assertThat(probs.get("data")).hasSize(2 * 784);
        assertThat(b.get("outputs")).hasSize(1);
        assertThat(b.get("outputs").get(0).get("data")).isEqualTo(probs.get("data"));
        assertThat(b.has("id")).isFalse();
    }

    @Test
    void kserveV2OutputsAreTheGraphsOutputsForEncoderAndDecoder() throws Exception {
        MlpWeights[] vae = Fixtures.networks(Fixtures.config(ModelKind.VAE, 3, false), 1);
        MlpWeights[] ae = Fixtures.networks(Fixtures.config(ModelKind.AE, 2, false), 2);
        float[] image = ShapesDataset.standard().entries().get(4321).image().toFloats();
        String images = "{\"inputs\": [{\"name\": \"image\", \"shape\": [1, 784], \"datatype\": \"FP32\", \"data\": " + Arrays.toString(image) + "}]}";

        JsonNode vaeEncoded = json(post("/v2/models/vae-encoder/infer", images)).get("outputs");
        assertThat(vaeEncoded.get(0).get("name").asText()).isEqualTo("mean");
        assertThat(vaeEncoded.get(1).get("name").asText()).isEqualTo("logvar");
        ReferenceMlp.assertAgrees(floats(vaeEncoded.get(0).get("data")), ReferenceMlp.forward(vae[0], image, 0), "mean");
        ReferenceMlp.assertAgrees(floats(vaeEncoded.get(1).get("data")), ReferenceMlp.forward(vae[0], image, 1), "logvar");
        JsonNode aeEncoded = json(post("/v2/models/ae-encoder/infer", images)).get("outputs");
        assertThat(aeEncoded).hasSize(1);
        assertThat(aeEncoded.get(0).get("name").asText()).isEqualTo("z");
        ReferenceMlp.assertAgrees(floats(aeEncoded.get(0).get("data")), ReferenceMlp.forward(ae[0], image, 0), "z");

        float[][] z = {{0, 0.5f, 1}, {-1, 0, 2}};
        JsonNode decoded = json(post("/v2/models/vae-decoder/infer",
                "{\"inputs\": [{\"name\": \"z\", \"shape\": [2, 3], \"datatype\": \"FP32\", \"data\": [0, 0.5, 1, -1, 0, 2]}]}")).get("outputs");
        assertThat(decoded.get(0).get("name").asText()).isEqualTo("logits");
        float[] logits = floats(decoded.get(0).get("data"));
        float[] probs = floats(decoded.get(1).get("data"));
        for (int row = 0; row < 2; row++) {
            float[] rowLogits = Arrays.copyOfRange(logits, row * 784, (row + 1) * 784);
            ReferenceMlp.assertAgrees(rowLogits, ReferenceMlp.forward(vae[1], z[row], 0), "logits of row " + row);
        }
        for (int i = 0; i < logits.length; i++) {
            assertThat((double) probs[i]).as("probs[%d]", i).isCloseTo(1 / (1 + Math.exp(-logits[i])), within(1e-6));
        }
    }

    @Test
    void badInputIsRefusedWithTheFieldAndTheProblemAndTheServerKeepsServing() throws Exception {
        assertRefused(get("/api/models/nope", "application/json"), 404, "no model named 'nope'");
        assertRefused(post("/api/models/vae/sample?version=9", "{\"count\": 1}"), 404, "has no version 9");
        assertRefused(post("/api/models/vae/sample", "{\"count\": 0}"), 400, "'count' must be between 1 and 64, got 0");
        assertRefused(post("/api/models/vae/sample", "{\"count\": 65}"), 400, "'count' must be between 1 and 64, got 65");
        assertRefused(post("/api/models/vae/sample", "{\"count\": \"many\"}"), 400, "'count' must be an integer");
        assertRefused(post("/api/models/vae/decode", "{\"z\": [[1, 2]]}"), 400, "z[0] has 2 values, expected 3");
        assertRefused(post("/api/models/vae/encode", "{\"images\": [[1, 2, 3]]}"), 400, "images[0] has 3 values, expected 784");
        assertRefused(post("/api/models/vae/decode", "{\"z\": [[1, 2, 1e400]]}"), 400, "z[0][2] is not a finite float32 number");
        assertRefused(post("/api/models/vae/decode", "{\"z\": [[1, 2, \"x\"]]}"), 400, "z[0][2] is not a number");
        assertRefused(post("/api/models/vae/sample", "{\"count\": "), 400, "malformed JSON");
        assertRefused(post("/api/models/vae/decode", "{\"z\": [" + zeros(3) + "], \"pad\": \"" + "x".repeat(250_000) + "\"}"), 413,
                "--max-body");
        assertRefused(post("/v2/models/vae-decoder/infer",
                "{\"inputs\": [{\"name\": \"z\", \"shape\": [2, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3]}]}"), 400,
                "inputs[0].data has 3 values but shape [2,3] needs 6");
        assertRefused(post("/v2/models/vae-decoder/infer",
                "{\"inputs\": [{\"name\": \"z\", \"shape\": [1, 3], \"datatype\": \"INT64\", \"data\": [1, 2, 3]}]}"), 400,
                "only FP32 is supported");
        assertRefused(post("/v2/models/vae-decoder/infer",
                "{\"inputs\": [{\"name\": \"image\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3]}]}"), 400,
                "inputs[0].name is 'image', expected 'z'");
        assertRefused(get("/v2/models/vae", "application/json"), 404, "v2 model names are <name>-encoder and <name>-decoder");
        assertRefused(get("/api/models/..%2F..%2Fetc", "application/json"), 404, "no model named");
        assertRefused(get("/api/models/vae/traverse?dim=5", "application/json"), 400, "'dim' must be between 0 and 2, got 5");
        assertRefused(get("/api/models/vae/traverse?dim=x", "application/json"), 400, "dim");
        assertRefused(get("/nowhere", "application/json"), 404, "Not Found");
        assertThat(get("/api/models", "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyThatDoesNotFitItsRecordIsRefusedNamingTheFieldAndTheValueSent() throws Exception {
        assertRefused(post("/api/models/vae/sample", "{\"count\": \"5\"}"), 400, "'count' must be an integer, got \"5\"");
        assertRefused(post("/api/models/vae/sample", "{\"count\": 2.5}"), 400, "'count' must be an integer, got 2.5");
        assertRefused(post("/api/models/vae/sample", "{\"count\": [2]}"), 400, "'count' must be an integer, got an array");
        assertRefused(post("/api/models/vae/sample", "{\"count\": 3000000000}"), 400,
                "'count' is out of range for a 32-bit integer, got 3000000000");
        assertRefused(post("/api/models/vae/sample", "{\"seed\": 1e30}"), 400, "'seed' must be an integer, got 1e30");
        assertRefused(post("/api/models/vae/sample", "{\"label\": \"yes\"}"), 400, "'label' must be true or false, got \"yes\"");
        assertRefused(post("/api/models/vae/sample", "{\"temperature\": \"hot\"}"), 400, "'temperature' is not a number: \"hot\"");
        assertRefused(post("/api/models/vae/encode", "{\"images\": 5}"), 400, "'images' must be an array of rows, got 5");
        assertRefused(post("/api/models/vae/encode", "{\"images\": [5]}"), 400, "images[0] must be an array of numbers, got 5");
        assertRefused(post("/api/models/vae/encode", "{\"images\": [null]}"), 400, "images[0] has no array, expected 784");
        assertRefused(post("/api/models/vae/encode", "{\"images\": [[0, null]]}"), 400, "images[0][1] is not a number: null");
        assertRefused(post("/api/models/vae/sample", "[1]"), 400, "malformed JSON: the body must be one JSON object at line 1, column 1");
        assertRefused(post("/api/models/vae/sample", "{\"count\": 1} {}"), 400, "malformed JSON: the body must be one JSON object");
    }

    @Test
    void aFieldTheBodyDoesNotHaveIsRefusedWithTheFieldsItHasRatherThanIgnored() throws Exception {
        // Ignored, the misspelt sampler would draw from the prior and answer 200.
        String sample = "unknown field 'smapler' (fields: count, seed, temperature, label, sampler)";
        HttpResponse<String> typo = post("/api/models/vae/sample", "{\"count\": 4, \"smapler\": \"gmm\"}");
        assertRefused(typo, 400, sample);
        assertThat(json(typo).get("error").asText()).isEqualTo(sample);
        assertRefused(post("/api/models/vae/sample", "{\"count\": 4, \"smapler\": \"gmm\"}", "text/plain"), 400, sample);
        assertRefused(post("/api/models/vae/encode", "{\"image\": [[0]]}"), 400, "unknown field 'image' (fields: images)");
        assertRefused(post("/api/models/vae/decode", "{\"z\": [[0, 0, 0]], \"version\": 1}"), 400, "unknown field 'version' (fields: z)");
    }

    @Test
    void aBodyThatBreaksItsConstraintsIsRefusedNamingTheFieldAndTheValue() throws Exception {
        assertRefused(post("/api/models/vae/sample", "{\"temperature\": -0.5}"), 400, "'temperature' must be between 0 and 100, got -0.5");
        // Infinity is beyond both ends of the range; the refusal says so once.
        HttpResponse<String> huge = post("/api/models/vae/sample", "{\"temperature\": 1e400}");
        assertRefused(huge, 400, "'temperature'");
        assertThat(json(huge).get("error").asText()).isEqualTo("'temperature' must be between 0 and 100, got Infinity");
        assertRefused(post("/api/models/vae/encode", "{\"images\": []}"), 400, "'images' must be a non-empty array of rows, got []");
        assertRefused(post("/api/models/vae/reconstruct", "{}"), 400, "'images' must be a non-empty array of rows, got null");
        assertRefused(post("/api/models/vae/decode", "{\"z\": []}"), 400, "'z' must be a non-empty array of rows, got []");
        String rows = String.join(",", Collections.nCopies(65, zeros(3)));
        assertRefused(post("/api/models/vae/decode", "{\"z\": [" + rows + "]}"), 400, "'z' has 65 rows, more than the limit of 64");
    }

    @Test
    void aTextPlainBodyIsReadAsJsonAndAnEmptySampleBodyTakesTheDefaults() throws Exception {
        String body = "{\"count\": 2, \"seed\": 5}";
        HttpResponse<String> plain = post("/api/models/vae/sample", body, "text/plain");
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        assertThat(json(plain).get("images")).isEqualTo(json(post("/api/models/vae/sample", body)).get("images"));
        assertRefused(post("/api/models/vae/sample", "{\"count\": 1, \"count\": 2}", "text/plain"), 400, "Duplicate field 'count'");

        // Left out, count is 1, temperature 1 and label false; the seed, given here, is otherwise the clock.
        JsonNode defaults = json(post("/api/models/vae/sample", "{\"seed\": 5}"));
        JsonNode spelledOut = json(post("/api/models/vae/sample", "{\"count\": 1, \"seed\": 5, \"temperature\": 1.0, \"label\": false}"));
        assertThat(defaults.get("images")).hasSize(1).isEqualTo(spelledOut.get("images"));
        assertThat(defaults.has("labels")).isFalse();
        for (String type : new String[] {"application/json", "text/plain"}) {
            HttpResponse<String> empty = post("/api/models/vae/sample", "", type);
            assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
            assertThat(json(empty).get("images")).hasSize(1);
        }
    }

    @Test
    void healthMetricsAndOpenApiUseMicronautsModules() throws Exception {
        post("/api/models/ae/sample", "{\"count\": 1}");
        assertThat(json(get("/health", "application/json")).get("status").asText()).isEqualTo("UP");
        String metrics = get("/prometheus", "text/plain").body();
        assertThat(metrics).contains("shapesvae_requests_seconds_count{endpoint=\"sample\",model=\"ae\",outcome=\"ok\"");
        assertThat(get("/swagger/shapes-vae-1.0.yml", "*/*").body()).contains("openapi:").contains("/api/models/{name}/sample")
                .contains("/v2/models/{name}/infer");
    }

    @Test
    void reloadPicksUpANewVersionAndTheNewestIsTheDefault(@TempDir Path own) throws Exception {
        ModelRepository models = new ModelRepository(own.resolve("models"));
        Fixtures.writeBundle(models, "ae", Fixtures.config(ModelKind.AE, 2, false), 2);
        try (ShapesServer reloading = ShapesServer.start(ServerSettings.of(models.root(), InferenceOptions.cpu(), 2, 64, 200_000)
                .withAdminToken(ADMIN_TOKEN), "127.0.0.1", 0)) {
            HttpProbe http = new HttpProbe(reloading.uri());
            String before = HttpProbe.json(http.post("/api/models/ae/sample", "{\"count\": 1, \"seed\": 3}")).get("images").toString();
            try (ModelRegistry.Lease inFlight = reloading.registry().lease()) {
                Fixtures.writeBundle(models, "ae", Fixtures.config(ModelKind.AE, 2, false), 77);
                JsonNode reloaded = HttpProbe.json(http.post("/api/admin/reload", "", "Authorization", "Bearer " + ADMIN_TOKEN));
                assertThat(reloaded.get("models").get("ae").toString()).isEqualTo("[1,2]");
                // A request that started before the reload still runs on the old set.
                assertThat(inFlight.model("ae", null).bundle().version()).isEqualTo(1);
                assertThat(inFlight.model("ae", null).decode(new FloatMatrix(1, 2, new float[2])).probs().rows()).isEqualTo(1);
            }
            JsonNode after = HttpProbe.json(http.post("/api/models/ae/sample", "{\"count\": 1, \"seed\": 3}"));
            assertThat(after.get("version").asInt()).isEqualTo(2);
            assertThat(after.get("images").toString()).isNotEqualTo(before);
            assertThat(HttpProbe.json(http.post("/api/models/ae/sample?version=1", "{\"count\": 1, \"seed\": 3}")).get("images").toString())
                    .isEqualTo(before);
        }
    }
}
