package dev.shapesvae.server;

import static dev.shapesvae.testing.HttpProbe.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.HttpProbe;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the page at {@code /} stands on, over HTTP without a browser: its files, the dataset
 * endpoints it picks entries from, and the manifest it links to. {@code PageBrowserTest} drives
 * the page itself.
 */
class PageEndpointsTest {
    @TempDir
    static Path root;

    private static ShapesServer server;
    private static HttpProbe http;
    private static ModelBundle newest;

    @BeforeAll
    static void start() {
        ModelRepository repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 1);
        newest = Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 2);
        server = ShapesServer.start(ServerSettings.of(repository.root(), InferenceOptions.cpu(), 2, 64, 1 << 20), "127.0.0.1", 0);
        http = new HttpProbe(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> fetch(String path) throws Exception {
        return http.send(http.request(path).GET());
    }

    @Test
    void servesThePageAndItsFilesFromTheService() throws Exception {
        HttpResponse<String> page = fetch("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"page.js\"></script>", "href=\"page.css\"");
        assertThat(page.body()).doesNotContain("//");
        for (String file : new String[] {"/page.js", "/page.css", "/favicon.svg"}) {
            HttpResponse<String> response = fetch(file);
            assertThat(response.statusCode()).as(file).isEqualTo(200);
            // Nothing is fetched from outside the machine: no address of another host, only the
            // SVG namespace, which names the format and is never fetched.
            assertThat(response.body().replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).as(file).doesNotContainPattern("(https?:)?//[a-z0-9.-]+\\.[a-z]");
        }
    }

    @Test
    void unknownPathsStillGetAJsonNotFound() throws Exception {
        for (String path : new String[] {"/nothing-here.html", "/api/nothing-here"}) {
            HttpResponse<String> response = fetch(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response).get("error").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void theDatasetLayoutGivesEveryShapeAndSizeItsValidAnchors() throws Exception {
        JsonNode layout = json(http.get("/api/dataset"));
        assertThat(layout.get("entries").asInt()).isEqualTo(8002);
        int entries = 0;
        for (JsonNode shape : layout.get("shapes")) {
            assertThat(shape.get("sizes")).hasSize(8);
            for (JsonNode size : shape.get("sizes")) {
                entries += (size.at("/x/max").asInt() - size.at("/x/min").asInt() + 1) * (size.at("/y/max").asInt() - size.at("/y/min").asInt() + 1);
            }
        }
        assertThat(entries).isEqualTo(8002);
        // By hand from SPEC section 1: a circle of diameter 10 is centred at 5..23; a triangle of
        // size 12 has height 10, so its apex runs over x 10..18 and y 0..18.
        JsonNode circle = layout.at("/shapes/1");
        assertThat(circle.get("shape").asText()).isEqualTo("circle");
        assertThat(circle.at("/sizes/3/size").asInt()).isEqualTo(10);
        assertThat(circle.at("/sizes/3/x").toString()).isEqualTo("{\"min\":5,\"max\":23}");
        JsonNode triangle12 = layout.at("/shapes/2/sizes/5");
        assertThat(triangle12.toString()).isEqualTo("{\"size\":12,\"x\":{\"min\":10,\"max\":18},\"y\":{\"min\":0,\"max\":18}}");
    }

    @Test
    void anEntryComesWithTheIndexTraverseTakesAndItsImage() throws Exception {
        JsonNode entry = json(http.get("/api/dataset/entry?shape=square&size=7&x=2&y=3"));
        // Canonical order is shape, size, x, y: squares of size 7 have y 0..22, so (2, 3) is 2 * 23 + 3.
        assertThat(entry.get("index").asInt()).isEqualTo(49);
        JsonNode image = entry.get("image");
        assertThat(image).hasSize(Canvas.PIXELS);
        int on = 0;
        for (int row = 0; row < Canvas.SIDE; row++) {
            for (int column = 0; column < Canvas.SIDE; column++) {
                boolean inside = column >= 2 && column < 9 && row >= 3 && row < 10;
                assertThat(image.get(Canvas.index(row, column)).asDouble()).isEqualTo(inside ? 1.0 : 0.0);
                on += inside ? 1 : 0;
            }
        }
        assertThat(on).isEqualTo(49);
        assertThat(ShapesDataset.standard().entries().get(49).describe()).isEqualTo("square s=7 x=2 y=3");
    }

    @Test
    void aBadEntryIsRefusedWithTheValidRange() throws Exception {
        assertRefused("/api/dataset/entry?shape=hexagon&size=10&x=14&y=14", "'shape' must be one of [square, circle, triangle], got 'hexagon'");
        assertRefused("/api/dataset/entry?shape=circle&size=15&x=14&y=14", "'size' must be between 7 and 14, got 15");
        assertRefused("/api/dataset/entry?shape=circle&size=10&x=24&y=14", "'x' must be between 5 and 23 for a circle of size 10, got 24");
        assertRefused("/api/dataset/entry?shape=triangle&size=12&x=14&y=19", "'y' must be between 0 and 18 for a triangle of size 12, got 19");
        assertRefused("/api/dataset/entry?shape=circle&size=10&x=14", "y");
    }

    private static void assertRefused(String path, String message) throws Exception {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(json(response).get("error").asText()).as(path).contains(message);
    }

    @Test
    void theManifestIsTheServedVersionsModelJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode onDisk = mapper.readTree(Files.readString(newest.manifestPath()));
        HttpResponse<String> response = http.get("/api/models/vae/manifest");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(response)).isEqualTo(onDisk);
        assertThat(json(http.get("/api/models/vae/manifest?version=1")).get("onnx")).isNotEqualTo(onDisk.get("onnx"));
        HttpResponse<String> missing = http.get("/api/models/vae/manifest?version=9");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).isEqualTo("model 'vae' has no version 9 (versions: [1, 2])");
    }
}
