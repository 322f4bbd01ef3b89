package dev.shapesvae.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.testing.HttpProbe;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document the server serves describes what the endpoints take and answer: real
 * request bodies, the refusals with their JSON body, and which operations need the admin token.
 */
class OpenApiDocumentTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path root;

    private JsonNode document() throws Exception {
        Files.createDirectories(root.resolve("models"));
        try (ShapesServer server = ShapesServer.start(ServerSettings.of(root.resolve("models"), InferenceOptions.cpu(), 1, 8, 1 << 20),
                "127.0.0.1", 0)) {
            HttpResponse<String> yaml = new HttpProbe(server.uri()).get("/swagger/shapes-vae-1.0.yml");
            assertThat(yaml.statusCode()).isEqualTo(200);
            return YAML.readTree(yaml.body());
        }
    }

    /** The component a schema refers to, directly or (when nullable) through allOf. */
    private static JsonNode schema(JsonNode document, JsonNode ref) {
        JsonNode direct = ref.has("allOf") ? ref.get("allOf").get(0) : ref;
        String name = direct.get("$ref").asText().replace("#/components/schemas/", "");
        return document.get("components").get("schemas").get(name);
    }

    @Test
    void requestBodiesAreDescribedByTheirFields() throws Exception {
        JsonNode document = document();
        JsonNode paths = document.get("paths");

        JsonNode infer = paths.get("/v2/models/{name}/infer").get("post").get("requestBody").get("content");
        JsonNode request = schema(document, infer.get("application/json").get("schema"));
        assertThat(request.get("required").toString()).isEqualTo("[\"inputs\"]");
        JsonNode input = schema(document, request.get("properties").get("inputs").get("items"));
        assertThat(input.get("properties").get("datatype").get("enum").toString()).isEqualTo("[\"FP32\",\"FP16\",\"FP64\"]");
        assertThat(schema(document, input.get("properties").get("parameters")).get("properties").has("binary_data_size")).isTrue();
        assertThat(infer.get("application/octet-stream").get("schema").get("format").asText()).isEqualTo("binary");
        JsonNode answer = paths.get("/v2/models/{name}/infer").get("post").get("responses").get("200");
        assertThat(answer.get("headers").has("Inference-Header-Content-Length")).isTrue();
        assertThat(schema(document, answer.get("content").get("application/json").get("schema")).get("properties").has("outputs")).isTrue();

        JsonNode sample = schema(document, paths.get("/api/models/{name}/sample").get("post").get("requestBody").get("content")
                .get("application/json").get("schema"));
        List<String> fields = new ArrayList<>();
        sample.get("properties").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("count", "seed", "temperature", "label", "sampler");
        assertThat(sample.get("properties").get("sampler").get("default").asText()).isEqualTo("prior");
        assertThat(sample.get("properties").get("temperature").get("maximum").asInt()).isEqualTo(100);
        assertThat(schema(document, paths.get("/api/models/{name}/encode").get("post").get("requestBody").get("content")
                .get("application/json").get("schema")).get("properties").has("images")).isTrue();
        assertThat(schema(document, paths.get("/api/models/{name}/decode").get("post").get("requestBody").get("content")
                .get("application/json").get("schema")).get("properties").has("z")).isTrue();
    }

    @Test
    void everyOperationSaysHowItRefusesAndTheAdminOnesNeedTheToken() throws Exception {
        JsonNode document = document();
        List<String> admin = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            JsonNode responses = operation.getValue().get("responses");
            assertThat(responses.has("400")).as(path.getKey()).isTrue();
            assertThat(schema(document, responses.get("400").get("content").get("application/json").get("schema"))
                    .get("properties").has("error")).isTrue();
            if (operation.getValue().has("security")) {
                admin.add(path.getKey());
                assertThat(responses.has("401")).isTrue();
            }
        }));
        assertThat(admin).containsExactlyInAnyOrder("/api/admin/reload", "/v2/repository/models/{name}/load", "/v2/repository/models/{name}/unload");
        assertThat(document.get("components").get("securitySchemes").get("adminToken").get("scheme").asText()).isEqualTo("bearer");
        // Every other operation is public: the document's default security requirement is the empty one.
        assertThat(document.get("security").toString()).isEqualTo("[{}]");
    }
}
