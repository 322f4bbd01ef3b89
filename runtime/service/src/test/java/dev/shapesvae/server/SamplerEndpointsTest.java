package dev.shapesvae.server;

import static dev.shapesvae.testing.HttpProbe.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.HttpProbe;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Latent samplers over HTTP, on a real server on a random loopback port: a model whose bundle
 * stores a gmm sampler beside one that has only the prior.
 */
@Timeout(120)
class SamplerEndpointsTest {
    @TempDir
    static Path root;

    private static ShapesServer server;
    private static HttpProbe http;
    private static ModelRepository repository;

    @BeforeAll
    static void start() {
        repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundleWithMixture(repository, "mixed", Fixtures.config(ModelKind.VAE, 3, false), 1);
        Fixtures.writeBundle(repository, "plain", Fixtures.config(ModelKind.AE, 2, false), 2);
        server = ShapesServer.start(ServerSettings.of(repository.root(), InferenceOptions.cpu(), 2, 64, 200_000), "127.0.0.1", 0);
        http = new HttpProbe(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The body of a 200 answer as JSON. */
    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.parseFloat(array.get(i).asText());
        }
        return values;
    }

    @Test
    void eachModelListsItsSamplersThePriorFirst() throws Exception {
        JsonNode models = ok(http.get("/api/models"));
        assertThat(models.findValuesAsText("name")).containsExactly("mixed", "plain");
        assertThat(models.get(0).get("samplers").toString()).isEqualTo("[\"prior\",\"gmm\"]");
        assertThat(models.get(1).get("samplers").toString()).isEqualTo("[\"prior\"]");
        assertThat(ok(http.get("/api/models/mixed")).get("samplers").toString()).isEqualTo("[\"prior\",\"gmm\"]");
    }

    @Test
    void theGmmSamplerDrawsTheMixturesImagesReproduciblyAndOtherThanThePriors() throws Exception {
        JsonNode gmm = ok(http.post("/api/models/mixed/sample", "{\"count\": 4, \"seed\": 9, \"sampler\": \"gmm\"}"));
        JsonNode again = ok(http.post("/api/models/mixed/sample", "{\"count\": 4, \"seed\": 9, \"sampler\": \"gmm\"}"));
        JsonNode prior = ok(http.post("/api/models/mixed/sample", "{\"count\": 4, \"seed\": 9}"));
        JsonNode namedPrior = ok(http.post("/api/models/mixed/sample", "{\"count\": 4, \"seed\": 9, \"sampler\": \"prior\"}"));

        assertThat(gmm.get("images")).hasSize(4).isEqualTo(again.get("images"));
        assertThat(gmm.get("images")).isNotEqualTo(prior.get("images"));
        assertThat(namedPrior.get("images")).isEqualTo(prior.get("images"));
        try (GenerativeModel model = GenerativeModel.load(repository.load("mixed"), InferenceOptions.cpu())) {
            FloatMatrix probs = model.sample("gmm", 4, 9, 1.0).probs();
            for (int i = 0; i < 4; i++) {
                assertThat(floats(gmm.get("images").get(i))).isEqualTo(probs.row(i));
            }
        }
    }

    @Test
    void aSamplerTheModelHasNotIsRefusedWithTheOnesItHas() throws Exception {
        HttpResponse<String> unknown = http.post("/api/models/plain/sample", "{\"count\": 1, \"sampler\": \"gmm\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").asText()).isEqualTo("model plain version 1 has no sampler 'gmm'; its samplers are prior");

        // Counted as what it was answered with, 400, not as a server error.
        String metrics = http.send(http.request("/prometheus").header("Accept", "text/plain").GET()).body();
        assertThat(metrics).contains("shapesvae_requests_seconds_count{endpoint=\"sample\",model=\"plain\",outcome=\"400\"")
                .doesNotContain("outcome=\"error\"");

        HttpResponse<String> notText = http.post("/api/models/mixed/sample", "{\"count\": 1, \"sampler\": 2}");
        assertThat(notText.statusCode()).isEqualTo(400);
        assertThat(json(notText).get("error").asText()).isEqualTo("'sampler' must be a string, got 2");
    }
}
