package dev.shapesvae.server.v2.rest;

import static dev.shapesvae.testing.HttpProbe.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shapesvae.inference.Decoding;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.server.ServerSettings;
import dev.shapesvae.server.ShapesServer;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.HttpProbe;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binary tensor data extension as NVIDIA's tritonclient.http uses it by default: the test
 * builds the exact bytes the client sends (a JSON header, its length in
 * {@code Inference-Header-Content-Length}, the inputs' little-endian values after it, no
 * Content-Type) and reads the reply as the client does, against a real server and real models.
 */
class BinaryTensorDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final float[] Z = {0f, 0.5f, 1f, -1f, 0f, 2f};

    @TempDir
    static Path root;

    private static ShapesServer server;
    private static HttpProbe http;
    private static Decoding expected;

    @BeforeAll
    static void start() {
        ModelRepository repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 1);
        server = ShapesServer.start(ServerSettings.of(repository.root(), InferenceOptions.cpu(), 2, 64, 1 << 20), "127.0.0.1", 0);
        http = new HttpProbe(server.uri());
        try (GenerativeModel model = GenerativeModel.load(repository.load("vae"), InferenceOptions.cpu())) {
            expected = model.decode(new FloatMatrix(2, 3, Z));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A reply as tritonclient's InferResult reads it: the JSON header, then each binary output's bytes by binary_data_size. */
    private record Reply(int status, JsonNode header, Map<String, byte[]> binary, HttpResponse<byte[]> raw) {
    }

    private static Reply send(String path, String header, byte[] binary, boolean withLengthHeader) throws Exception {
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(headerBytes);
        body.writeBytes(binary);
        HttpRequest.Builder request = http.request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (withLengthHeader) {
            request.header("Inference-Header-Content-Length", Integer.toString(headerBytes.length));
        }
        HttpResponse<byte[]> response = http.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = response.body();
        int length = response.headers().firstValue("Inference-Header-Content-Length").map(Integer::parseInt).orElse(bytes.length);
        JsonNode json = JSON.readTree(Arrays.copyOf(bytes, length));
        Map<String, byte[]> outputs = new LinkedHashMap<>();
        int at = length;
        for (JsonNode output : json.path("outputs")) {
            JsonNode size = output.path("parameters").get("binary_data_size");
            if (size != null) {
                outputs.put(output.get("name").asText(), Arrays.copyOfRange(bytes, at, at + size.asInt()));
                at += size.asInt();
            }
        }
        assertThat(at).as("every byte after the header belongs to an output").isEqualTo(bytes.length);
        return new Reply(response.statusCode(), json, outputs, response);
    }

    private static byte[] fp32(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return bytes.array();
    }

    private static byte[] fp64(double... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bytes.putDouble(v);
        }
        return bytes.array();
    }

    /** IEEE half-precision bits of 0, 0.5, 1, -1, 0, 2: 0x0000, 0x3800, 0x3C00, 0xBC00, 0x0000, 0x4000. */
    private static byte[] fp16OfZ() {
        ByteBuffer bytes = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        for (int bits : new int[] {0x0000, 0x3800, 0x3C00, 0xBC00, 0x0000, 0x4000}) {
            bytes.putShort((short) bits);
        }
        return bytes.array();
    }

    private static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static String binaryInput(String datatype, int bytes) {
        return "{\"name\": \"z\", \"shape\": [2, 3], \"datatype\": \"" + datatype + "\", \"parameters\": {\"binary_data_size\": " + bytes + "}}";
    }

    @Test
    void tritonclientsDefaultRequestGetsEveryOutputAsBinaryDataWithTheSizesTheClientParses() throws Exception {
        // What tritonclient.http sends for InferInput("z", [2, 3], "FP32").set_data_from_numpy(z) with no outputs named.
        String header = "{\"inputs\": [" + binaryInput("FP32", 24) + "], \"parameters\": {\"binary_data_output\": true}}";

        Reply reply = send("/v2/models/vae-decoder/infer", header, fp32(Z), true);

        assertThat(reply.status()).as(reply.header().toString()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(reply.header().get("model_name").asText()).isEqualTo("vae-decoder");
        assertThat(reply.header().get("model_version").asText()).isEqualTo("1");
        JsonNode logits = reply.header().get("outputs").get(0);
        assertThat(logits.get("name").asText()).isEqualTo("logits");
        assertThat(logits.get("datatype").asText()).isEqualTo("FP32");
        assertThat(logits.get("shape").toString()).isEqualTo("[2,784]");
        assertThat(logits.get("parameters").get("binary_data_size").asInt()).isEqualTo(2 * 784 * 4);
        assertThat(logits.has("data")).isFalse();
        assertThat(floats(reply.binary().get("logits"))).isEqualTo(expected.logits().data());
        assertThat(floats(reply.binary().get("probs"))).isEqualTo(expected.probs().data());
    }

    @Test
    void binaryAndJsonGiveTheSameNumbers() throws Exception {
        JsonNode asJson = json(http.post("/v2/models/vae-decoder/infer",
                "{\"inputs\": [{\"name\": \"z\", \"shape\": [2, 3], \"datatype\": \"FP32\", \"data\": " + Arrays.toString(Z) + "}]}"));
        float[] probs = new float[2 * 784];
        for (int i = 0; i < probs.length; i++) {
            probs[i] = Float.parseFloat(asJson.get("outputs").get(1).get("data").get(i).asText());
        }

        Reply binary = send("/v2/models/vae-decoder/infer", "{\"inputs\": [" + binaryInput("FP32", 24) + "],"
                + " \"parameters\": {\"binary_data_output\": true}}", fp32(Z), true);

        assertThat(floats(binary.binary().get("probs"))).isEqualTo(probs).isEqualTo(expected.probs().data());
    }

    @Test
    void eachOutputSaysWhetherItComesAsBinaryOverridingTheRequestsDefault() throws Exception {
        String header = "{\"id\": \"mixed\", \"inputs\": [" + binaryInput("FP32", 24) + "], \"outputs\": ["
                + "{\"name\": \"probs\", \"parameters\": {\"binary_data\": false}},"
                + "{\"name\": \"logits\", \"parameters\": {\"binary_data\": true}}],"
                + " \"parameters\": {\"binary_data_output\": true}}";

        Reply reply = send("/v2/models/vae-decoder/versions/1/infer", header, fp32(Z), true);

        assertThat(reply.header().get("id").asText()).isEqualTo("mixed");
        JsonNode probs = reply.header().get("outputs").get(0);
        assertThat(probs.get("name").asText()).isEqualTo("probs");
        assertThat(probs.has("parameters")).isFalse();
        assertThat(probs.get("data")).hasSize(2 * 784);
        assertThat(reply.binary().keySet()).containsExactly("logits");
        assertThat(floats(reply.binary().get("logits"))).isEqualTo(expected.logits().data());
    }

    @Test
    void aJsonRequestThatAsksForNothingBinaryGetsPlainJson() throws Exception {
        HttpResponse<String> reply = http.post("/v2/models/vae-decoder/infer",
                "{\"inputs\": [{\"name\": \"z\", \"shape\": [2, 3], \"datatype\": \"FP32\", \"data\": [[0, 0.5, 1], [-1, 0, 2]]}],"
                        + " \"outputs\": [{\"name\": \"probs\", \"parameters\": {\"binary_data\": false}}]}");

        assertThat(reply.headers().firstValue("Inference-Header-Content-Length")).isEmpty();
        assertThat(reply.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(reply).get("outputs").get(0).get("data")).hasSize(2 * 784);
    }

    @Test
    void fp16AndFp64InputsAreConvertedToFp32() throws Exception {
        Reply half = send("/v2/models/vae-decoder/infer", "{\"inputs\": [" + binaryInput("FP16", 12) + "],"
                + " \"parameters\": {\"binary_data_output\": true}}", fp16OfZ(), true);
        Reply dbl = send("/v2/models/vae-decoder/infer", "{\"inputs\": [" + binaryInput("FP64", 48) + "],"
                + " \"parameters\": {\"binary_data_output\": true}}", fp64(0, 0.5, 1, -1, 0, 2), true);
        JsonNode jsonDouble = json(http.post("/v2/models/vae-decoder/infer",
                "{\"inputs\": [{\"name\": \"z\", \"shape\": [2, 3], \"datatype\": \"FP64\", \"data\": [0, 0.5, 1, -1, 0, 2]}],"
                        + " \"outputs\": [{\"name\": \"logits\"}]}"));

        assertThat(floats(half.binary().get("logits"))).isEqualTo(expected.logits().data());
        assertThat(floats(dbl.binary().get("logits"))).isEqualTo(expected.logits().data());
        assertThat(jsonDouble.get("outputs").get(0).get("datatype").asText()).isEqualTo("FP32");
        assertThat((float) jsonDouble.get("outputs").get(0).get("data").get(5).asDouble()).isEqualTo(expected.logits().data()[5]);
    }

    private static void assertRefused(Reply reply, String message) {
        assertThat(reply.status()).as(reply.header().toString()).isEqualTo(400);
        assertThat(reply.header().get("error").asText()).contains(message);
    }

    @Test
    void binaryRequestsThatDoNotAddUpAreRefusedWithTheFieldAndTheSizes() throws Exception {
        assertRefused(send("/v2/models/vae-decoder/infer", "{\"inputs\": [" + binaryInput("FP32", 24) + "]}", fp32(1, 2, 3, 4, 5), true),
                "inputs[0].parameters.binary_data_size is 24 but only 20 bytes of binary data are left in the body");
        assertRefused(send("/v2/models/vae-decoder/infer", "{\"inputs\": [" + binaryInput("FP32", 20) + "]}", fp32(1, 2, 3, 4, 5, 6), true),
                "the body has 4 bytes of binary data that no input's parameters.binary_data_size accounts for");
        assertRefused(send("/v2/models/vae-decoder/infer", "{\"inputs\": [" + binaryInput("FP32", 20) + "]}", fp32(1, 2, 3, 4, 5), true),
                "inputs[0] binary data has 5 values but shape [2,3] needs 6");
        assertRefused(send("/v2/models/vae-decoder/infer", "{\"inputs\": [" + binaryInput("FP16", 11) + "]}", new byte[11], true),
                "inputs[0] binary data has 11 bytes, not a whole number of FP16 values of 2 bytes each");
        assertRefused(send("/v2/models/vae-decoder/infer", "{\"inputs\": [" + binaryInput("FP32", 24) + "]}",
                fp32(0, Float.NaN, 0, 0, 0, 0), true), "inputs[0] binary data[1] is not a finite float32 number: NaN");
        assertRefused(send("/v2/models/vae-decoder/infer", "{\"inputs\": [" + binaryInput("FP64", 48) + "]}",
                fp64(0, 1e300, 0, 0, 0, 0), true), "inputs[0] binary data[1] is not a finite float32 number: Infinity");
        assertRefused(send("/v2/models/vae-decoder/infer", "{\"inputs\": [" + binaryInput("INT64", 48) + "]}", new byte[48], true),
                "the accepted datatypes are FP32, FP16 and FP64");
        assertRefused(send("/v2/models/vae-decoder/infer", "{\"inputs\": [" + binaryInput("BYTES", 48) + "]}", new byte[48], true),
                "inputs[0].datatype is 'BYTES'");
        assertRefused(send("/v2/models/vae-decoder/infer", "{\"inputs\": [{\"name\": \"z\", \"shape\": [2, 3], \"datatype\": \"FP32\"}]}",
                new byte[0], true), "inputs[0].data is missing");
        assertRefused(send("/v2/models/vae-decoder/infer", "{\"inputs\": [], \"outputs\": [{\"name\": \"probs\", \"parameters\":"
                + " {\"classification\": 3}}]}", new byte[0], true), "outputs[0].parameters.classification");
    }

    @Test
    void aHeaderLengthBeyondTheBodyIsRefused() throws Exception {
        HttpResponse<String> reply = http.send(http.request("/v2/models/vae-decoder/infer").header("Inference-Header-Content-Length", "9999")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(json(reply).get("error").asText()).isEqualTo("Inference-Header-Content-Length is '9999'; it must be the length in bytes"
                + " of the JSON that starts the body, between 0 and the body's 2 bytes");
    }
}
