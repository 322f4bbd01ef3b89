package dev.shapesvae.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.testing.HttpProbe;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's fixed settings live in application.yml, not in code: each check here answers
 * otherwise when Micronaut does not read the file (its defaults serve no OpenAPI document and no
 * page, keep the management endpoints on behind authentication, and write no metric descriptions).
 */
class ApplicationYmlTest {
    @TempDir
    Path root;

    @Test
    void theFixedSettingsInApplicationYmlReachTheServer() throws Exception {
        Files.createDirectories(root.resolve("models"));
        try (ShapesServer server = ShapesServer.start(ServerSettings.of(root.resolve("models"), InferenceOptions.cpu(), 1, 8, 1 << 20),
                "127.0.0.1", 0)) {
            HttpProbe http = new HttpProbe(server.uri());
            // micronaut.router.static-resources: the OpenAPI document and the page.
            assertThat(http.get("/swagger/shapes-vae-1.0.yml").statusCode()).isEqualTo(200);
            HttpResponse<String> page = http.send(http.request("/").header("Accept", "text/html").GET());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<html");
            // endpoints: health (DOWN while no model is served) and prometheus open, every other management endpoint off.
            assertThat(HttpProbe.json(http.get("/health")).get("status").asText()).isEqualTo("DOWN");
            assertThat(http.get("/beans").statusCode()).isEqualTo(404);
            assertThat(http.get("/loggers").statusCode()).isEqualTo(404);
            // micronaut.metrics: the web binder's timers, written with their descriptions.
            HttpResponse<String> metrics = http.send(http.request("/prometheus").header("Accept", "text/plain").GET());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("http_server_requests_seconds_count").containsPattern("# HELP \\w+ \\S");
        }
    }
}
