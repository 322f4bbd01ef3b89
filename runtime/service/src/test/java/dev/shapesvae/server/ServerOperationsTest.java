package dev.shapesvae.server;

import static dev.shapesvae.testing.HttpProbe.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.HttpProbe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Day-to-day operations against a real server on a random loopback port, each test with its own
 * repository and server: stray folders and broken bundles, reloads that must not drop a working
 * model, readiness, the admin token, CORS, body limits, outputs that cannot be finite, metric
 * labels, and a graceful stop.
 */
@Timeout(120)
class ServerOperationsTest {
    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path root;

    private ShapesServer server;
    private HttpProbe http;

    private ModelRepository repository() {
        return new ModelRepository(root.resolve("models"));
    }

    private ModelBundle write(String name, ModelKind kind, long seed) {
        return Fixtures.writeBundle(repository(), name, Fixtures.config(kind, 3, false), seed);
    }

    private void start(UnaryOperator<ServerSettings> configure) throws IOException {
        Files.createDirectories(repository().root());
        server = ShapesServer.start(configure.apply(ServerSettings.of(repository().root(), InferenceOptions.cpu(), 2, 2048, 64L << 20)),
                "127.0.0.1", 0);
        http = new HttpProbe(server.uri());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> reload() throws Exception {
        return http.post("/api/admin/reload", "", "Authorization", "Bearer " + TOKEN);
    }

    private HttpResponse<String> sample(String model) throws Exception {
        return http.post("/api/models/" + model + "/sample", "{\"count\": 2, \"seed\": 5}");
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(response).get("error").asText()).contains(message);
    }

    @Test
    void strayFoldersAndBrokenBundlesAreSkippedAndTheRestIsServed() throws Exception {
        write("vae", ModelKind.VAE, 1);
        Path models = repository().root();
        Files.createDirectories(models.resolve("vae").resolve("abc"));
        Files.createDirectories(models.resolve("vae").resolve("0"));
        Files.createDirectories(models.resolve("vae").resolve(".staging-1-dead"));
        Files.createDirectories(models.resolve("broken").resolve("1"));
        Files.createDirectories(models.resolve("Not A Name"));
        start(s -> s.withAdminToken(TOKEN));

        assertThat(sample("vae").statusCode()).isEqualTo(200);
        assertThat(json(http.get("/api/models")).findValuesAsText("name")).containsExactly("vae");
        List<String> problems = new ArrayList<>();
        json(reload()).get("problems").forEach(p -> problems.add(p.asText()));
        assertThat(problems).hasSize(4);
        assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo(models.resolve("vae").resolve("abc") + ": version folder is not a positive integer"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(models.resolve("broken").resolve("1").toString()).contains("missing file"));
        assertThat(problems).noneSatisfy(p -> assertThat(p).contains(".staging"));
    }

    @Test
    void reloadKeepsServingAVersionThatBreaksOnDiskAndDropsOneThatIsRemoved() throws Exception {
        ModelBundle vae = write("vae", ModelKind.VAE, 1);
        ModelBundle ae = write("ae", ModelKind.AE, 2);
        start(s -> s.withAdminToken(TOKEN));
        String before = json(sample("vae")).get("images").toString();

        Files.write(vae.encoderPath(), new byte[] {1, 2, 3});
        Files.delete(ae.decoderPath());
        HttpResponse<String> reloaded = reload();
        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(json(reloaded).get("models").toString()).isEqualTo("{\"ae\":[1],\"vae\":[1]}");
        assertThat(json(reloaded).get("problems")).hasSize(2).allSatisfy(p -> assertThat(p.asText()).contains("still serving"));
        assertThat(json(sample("vae")).get("images").toString()).isEqualTo(before);
        assertThat(sample("ae").statusCode()).isEqualTo(200);

        write("vae", ModelKind.VAE, 3);
        assertThat(json(reload()).get("models").get("vae").toString()).isEqualTo("[1,2]");
        assertThat(json(sample("vae")).get("version").asInt()).isEqualTo(2);

        dev.shapesvae.io.FileTrees.deleteRecursively(repository().root().resolve("ae"));
        assertThat(json(reload()).get("models").has("ae")).isFalse();
        assertJsonError(sample("ae"), 404, "no model named 'ae'");

        Path moved = Files.move(repository().root(), root.resolve("elsewhere"));
        HttpResponse<String> unreadable = reload();
        assertThat(unreadable.statusCode()).isEqualTo(200);
        assertThat(json(unreadable).get("problems").get(0).asText()).contains("cannot read the model repository")
                .contains("still serving what was loaded");
        assertThat(json(sample("vae")).get("version").asInt()).isEqualTo(2);
        assertThat(moved).exists();
    }

    @Test
    void readinessIs503UntilAModelIsServedAndLivenessStays200() throws Exception {
        start(s -> s.withAdminToken(TOKEN));
        HttpResponse<String> notReady = http.get("/v2/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(json(notReady).get("ready").asBoolean()).isFalse();
        assertThat(http.get("/health").statusCode()).isEqualTo(503);
        assertThat(http.get("/v2/health/live").statusCode()).isEqualTo(200);

        write("ae", ModelKind.AE, 1);
        reload();
        assertThat(http.get("/v2/health/ready").statusCode()).isEqualTo(200);
        HttpResponse<String> health = http.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void adminEndpointsAreOffWithoutATokenAndNeedItWhenOn() throws Exception {
        write("ae", ModelKind.AE, 1);
        start(s -> s);
        assertJsonError(http.post("/api/admin/reload", ""), 403, "--admin-token");
        stop();

        start(s -> s.withAdminToken(TOKEN));
        HttpResponse<String> missing = http.post("/api/admin/reload", "");
        assertJsonError(missing, 401, "Authorization: Bearer");
        assertThat(missing.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertJsonError(http.post("/api/admin/reload", "", "Authorization", "Bearer wrong"), 401, "wrong admin token");
        assertThat(reload().statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenReadFromAFileAndALowerCaseSchemeAreAccepted() throws Exception {
        write("ae", ModelKind.AE, 1);
        // As a Kubernetes secret made from a file gives it: with the file's final newline.
        start(s -> s.withAdminToken(TOKEN + "\n"));
        assertThat(http.post("/api/admin/reload", "", "Authorization", "bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(reload().statusCode()).isEqualTo(200);
        assertJsonError(http.post("/api/admin/reload", "", "Authorization", "Bearer " + TOKEN + "x"), 401, "wrong admin token");
    }

    @Test
    void reloadShowsAnEditedManifestEvenWhenTheGraphsAreTheSame() throws Exception {
        ModelBundle ae = write("ae", ModelKind.AE, 1);
        start(s -> s.withAdminToken(TOKEN));
        assertThat(json(http.get("/api/models/ae")).get("training").get("device").asText()).isEqualTo("cpu");
        String manifest = Files.readString(ae.manifestPath());
        assertThat(manifest).contains("\"device\" : \"cpu\"");
        Files.writeString(ae.manifestPath(), manifest.replace("\"device\" : \"cpu\"", "\"device\" : \"gpu\""));
        assertThat(json(http.get("/api/models/ae")).get("training").get("device").asText()).isEqualTo("cpu");
        assertThat(reload().statusCode()).isEqualTo(200);
        assertThat(json(http.get("/api/models/ae")).get("training").get("device").asText()).isEqualTo("gpu");
    }

    @Test
    void corsIsOffByDefaultAndAllowsOnlyTheConfiguredOrigins() throws Exception {
        write("ae", ModelKind.AE, 1);
        start(s -> s);
        assertThat(preflight("https://example.org").headers().firstValue("access-control-allow-origin")).isEmpty();
        stop();

        start(s -> s.withCorsOrigins(List.of("https://example.org")));
        assertThat(preflight("https://example.org").headers().firstValue("access-control-allow-origin")).hasValue("https://example.org");
        assertThat(preflight("https://evil.example").headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return http.send(http.request("/api/models/ae/sample").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
    }

    @Test
    void theBodyLimitIsMaxBodyAndItsRefusalNamesTheFlag() throws Exception {
        write("ae", ModelKind.AE, 1);
        start(s -> s);
        // 1500 images of 784 values written with 9 characters each: about 11 MB, over the 10 MiB
        // that Micronaut buffers by default and under --max-body's 64 MiB.
        StringBuilder body = new StringBuilder("{\"images\": [");
        String row = "[" + String.join(",", java.util.Collections.nCopies(784, "0.5000000")) + "]";
        for (int i = 0; i < 1500; i++) {
            body.append(i == 0 ? "" : ",").append(row);
        }
        body.append("]}");
        assertThat(body.length()).isGreaterThan(10 << 20);
        HttpResponse<String> encoded = http.post("/api/models/ae/encode", body.toString());
        assertThat(encoded.statusCode()).as(encoded.body().substring(0, Math.min(300, encoded.body().length()))).isEqualTo(200);
        assertThat(json(encoded).get("z")).hasSize(1500);
        stop();

        start(s -> ServerSettings.of(s.models(), s.inference(), 2, 2048, 100_000));
        assertJsonError(http.post("/api/models/ae/encode", body.substring(0, 200_000)), 413, "--max-body");
    }

    @Test
    void inputsThatCannotGiveFiniteOutputOrAreNotCleanJsonAreRefused() throws Exception {
        write("vae", ModelKind.VAE, 1);
        start(s -> s);
        assertJsonError(http.post("/api/models/vae/sample", "{\"count\": 2, \"temperature\": 1e39}"), 400, "'temperature' must be between 0 and 100");
        assertJsonError(http.post("/api/models/vae/decode", "{\"z\": [[3e38, -3e38, 3e38]]}"), 400, "not finite");
        assertJsonError(http.post("/v2/models/vae-decoder/infer",
                "{\"inputs\": [{\"name\": \"z\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [3e38, -3e38, 3e38]}]}"), 400, "not finite");
        assertJsonError(http.post("/v2/models/vae-decoder/infer",
                "{\"inputs\": [{\"name\": \"z\", \"shape\": [1.5, 3], \"datatype\": \"FP32\", \"data\": [0, 0, 0]}]}"), 400, "shape must be [N, 3]");
        assertJsonError(http.post("/api/models/vae/sample", "{\"count\": 1} trailing"), 400, "malformed JSON");
        assertJsonError(http.post("/api/models/vae/sample", "{\"count\": 1, \"count\": 2}"), 400, "Duplicate field 'count'");
        assertThat(sample("vae").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownNamesInUrlsCreateNoNewMetricSeries() throws Exception {
        write("ae", ModelKind.AE, 1);
        start(s -> s);
        sample("ae");
        http.get("/v2/models/ae-decoder");
        long before = metrics().lines().count();
        for (int i = 0; i < 3; i++) {
            sample("junk" + i);
            http.get("/v2/models/junk" + i + "-decoder");
            http.post("/v2/models/junk" + i + "-encoder/infer", "{}");
            http.get("/api/models/junk" + i);
            http.get("/nowhere/junk" + i);
        }
        String after = metrics();
        assertThat(after).doesNotContain("junk");
        long added = after.lines().count() - before;
        // The first refusals add one series each per endpoint and outcome (model="unknown"); the
        // repeats add nothing.
        sample("junk-again");
        assertThat(metrics().lines().count()).isEqualTo(before + added);
        assertThat(after).contains("model=\"unknown\"").contains("model=\"ae\"");
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = http.send(http.request("/prometheus").header("Accept", "text/plain").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /**
     * The grace period is far longer than the 40 requests take on a loaded machine, so a slow run
     * does not cut them off; the stop comes once the first response is back, when the server is
     * working through its queue rather than still accepting the connections.
     */
    @Test
    @Timeout(300)
    void aGracefulShutdownLetsEveryRequestInFlightFinish() throws Exception {
        write("vae", ModelKind.VAE, 1);
        start(s -> ServerSettings.of(s.models(), s.inference(), 1, 2048, 64L << 20));
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String body = String.format(Locale.ROOT, "{\"count\": 1024, \"seed\": %d}", i);
            inFlight.add(http.client().sendAsync(http.request("/api/models/vae/sample").header("Content-Type", "application/json")
                    .header("Accept", "image/png").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        // One worker runs the 40 requests one after another; stop once the first is answered.
        CompletableFuture.anyOf(inFlight.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        assertThat(inFlight).anyMatch(f -> !f.isDone());
        boolean drained = server.shutdown(Duration.ofSeconds(200));
        assertThat(drained).isTrue();
        assertEveryArrivedRequestFinished(inFlight);
        server = null;
    }

    /**
     * Every request that reached the server got its whole answer. On a busy machine a request may
     * not have connected before the stop; it is refused at connect, never cut off, and not counted.
     */
    static void assertEveryArrivedRequestFinished(List<CompletableFuture<HttpResponse<String>>> requests) throws InterruptedException {
        int answered = 0;
        for (CompletableFuture<HttpResponse<String>> request : requests) {
            try {
                assertThat(request.get().statusCode()).isEqualTo(200);
                answered++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).as("a request that arrived was cut off").isInstanceOf(ConnectException.class);
            }
        }
        assertThat(answered).as("requests answered of " + requests.size()).isGreaterThanOrEqualTo(requests.size() / 2);
    }
}
