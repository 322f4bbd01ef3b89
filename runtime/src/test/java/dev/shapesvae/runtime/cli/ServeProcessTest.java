package dev.shapesvae.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.HttpProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtime serve} as its own process, stopped the way a process manager stops it: SIGTERM
 * while requests are in flight. Every request must finish and the process must exit 0.
 */
@Timeout(120)
class ServeProcessTest {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:[0-9]+");

    @TempDir
    Path root;

    @Test
    void sigtermFinishesTheRequestsInFlightAndExitsZero() throws Exception {
        ModelRepository repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 1);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process serve = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RuntimeCli.class.getName(),
                "serve", "--models", repository.root().toString(), "--port", "0", "--grpc-port", "0", "--workers", "1")
                .redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            URI base = null;
            for (String line = output.readLine(); line != null && base == null; line = output.readLine()) {
                lines.add(line);
                Matcher url = URL.matcher(line);
                if (line.startsWith("serving") && url.find()) {
                    base = URI.create(url.group());
                }
            }
            assertThat(base).as(String.join("\n", lines)).isNotNull();

            HttpProbe http = new HttpProbe(base);
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                inFlight.add(http.client().sendAsync(http.request("/api/models/vae/sample").header("Content-Type", "application/json")
                        .header("Accept", "image/png").POST(HttpRequest.BodyPublishers.ofString("{\"count\": 1024, \"seed\": " + i + "}"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(1000);
            assertThat(inFlight).anyMatch(f -> !f.isDone());
            // Process.destroy would send SIGTERM too, but it also closes our end of the output.
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(serve.pid())).start().waitFor()).isZero();

            assertThat(serve.waitFor(90, TimeUnit.SECONDS)).isTrue();
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.add(line);
            }
            assertThat(serve.exitValue()).as(String.join("\n", lines)).isZero();
            for (CompletableFuture<HttpResponse<String>> request : inFlight) {
                assertThat(request.get().statusCode()).isEqualTo(200);
            }
            assertThat(lines).contains("stopped: every request in flight finished");
        } finally {
            serve.destroyForcibly();
        }
    }
}
