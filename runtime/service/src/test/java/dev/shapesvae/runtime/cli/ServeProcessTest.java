package dev.shapesvae.runtime.cli;

import static dev.shapesvae.testing.HttpProbe.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.HttpProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtime serve} as its own process, as a user starts it: its flags reach the server, and
 * it stops the way a process manager stops it, SIGTERM while requests are in flight.
 */
@Timeout(300)
class ServeProcessTest {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:[0-9]+");

    @TempDir
    Path root;

    /** A running {@code serve} process, the lines it has written so far and its address. */
    private record Served(Process process, BufferedReader output, List<String> lines, URI base) {
        HttpProbe http() {
            return new HttpProbe(base);
        }

        /** Waits for the exit and reads the rest of the output. */
        int awaitExit() throws IOException, InterruptedException {
            assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("exited").isTrue();
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.add(line);
            }
            return process.exitValue();
        }
    }

    private Path repository() {
        ModelRepository repository = new ModelRepository(root.resolve("models"));
        if (!Files.isDirectory(repository.root())) {
            Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 1);
        }
        return repository.root();
    }

    /** Starts {@code runtime serve --models <repository> --port 0} with more flags, and waits until it says where it serves. */
    private Served serve(String... flags) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), RuntimeCli.class.getName(),
                "serve", "--models", repository().toString(), "--port", "0", "--grpc-port", "0"));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        URI base = null;
        for (String line = output.readLine(); line != null && base == null; line = output.readLine()) {
            lines.add(line);
            Matcher url = URL.matcher(line);
            if (line.startsWith("serving") && url.find()) {
                base = URI.create(url.group());
            }
        }
        if (base == null) {
            process.destroyForcibly();
        }
        assertThat(base).as(String.join("\n", lines)).isNotNull();
        return new Served(process, output, lines, base);
    }

    /**
     * Threads of a process named "java": those the JVM does not name, among them ONNX Runtime's
     * intra-op threads, which take the name of the thread that opened the session (the main thread).
     */
    private static long unnamedThreads(Process process) throws IOException {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        Assumptions.assumeTrue(Files.isDirectory(tasks), "no /proc to count threads in");
        long count = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    count += Files.readString(thread.resolve("comm")).trim().equals("java") ? 1 : 0;
                } catch (java.nio.file.NoSuchFileException ended) {
                    // a thread that ended while listed
                }
            }
        }
        return count;
    }

    @Test
    void theFlagsReachTheServer() throws Exception {
        Served flagged = serve("--workers", "3", "--threads", "4", "--max-count", "5", "--max-body", "4000", "--device", "cpu");
        Served plain = serve("--threads", "1", "--device", "cpu");
        try {
            assertThat(flagged.lines()).anySatisfy(l -> assertThat(l).startsWith("serving [vae] at ").contains("with 3 workers x 4 ONNX Runtime thread(s)"));
            HttpProbe http = flagged.http();
            assertThat(http.post("/api/models/vae/sample", "{\"count\": 5}").statusCode()).isEqualTo(200);
            HttpResponse<String> tooMany = http.post("/api/models/vae/sample", "{\"count\": 6}");
            assertThat(tooMany.statusCode()).isEqualTo(400);
            assertThat(json(tooMany).get("error").asText()).contains("'count' must be between 1 and 5, got 6");
            HttpResponse<String> tooLarge = http.post("/api/models/vae/decode", "{\"z\": [[0, 0, 0]], \"pad\": \"" + "x".repeat(5000) + "\"}");
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(json(tooLarge).get("error").asText()).contains("--max-body");
            // --workers is the inference pool's size, as Micronaut's own executor metrics report it.
            String metrics = http.send(http.request("/prometheus").header("Accept", "text/plain").GET()).body();
            assertThat(metrics).containsPattern("(?m)^executor_pool_max_threads\\{name=\"inference\"} 3\\.0$");
            // --threads: each ONNX Runtime session (encoder and decoder) runs 4 - 1 threads of its own
            // beside the caller's, where --threads 1 runs none. Everything else is the same in both processes.
            assertThat(unnamedThreads(flagged.process()) - unnamedThreads(plain.process())).isEqualTo(2 * (4 - 1));
        } finally {
            flagged.process().destroyForcibly();
            plain.process().destroyForcibly();
        }
    }

    /**
     * SIGTERM with requests in flight: every request must finish and the process must exit 0.
     * The grace period is far longer than the requests take on a loaded machine, so a slow run
     * does not cut them off; the signal comes once the first response is back, so the server is
     * working through the queue, not yet accepting the connections.
     */
    @Test
    void sigtermFinishesTheRequestsInFlightAndExitsZero() throws Exception {
        Served served = serve("--workers", "1", "--shutdown-grace", "200");
        try {
            HttpProbe http = served.http();
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                inFlight.add(http.client().sendAsync(http.request("/api/models/vae/sample").header("Content-Type", "application/json")
                        .header("Accept", "image/png").POST(HttpRequest.BodyPublishers.ofString("{\"count\": 1024, \"seed\": " + i + "}"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.anyOf(inFlight.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            assertThat(inFlight).anyMatch(f -> !f.isDone());
            // Process.destroy would send SIGTERM too, but it also closes our end of the output.
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(served.process().pid())).start().waitFor()).isZero();

            int exit = served.awaitExit();
            assertThat(exit).as(String.join("\n", served.lines())).isZero();
            for (CompletableFuture<HttpResponse<String>> request : inFlight) {
                assertThat(request.get().statusCode()).isEqualTo(200);
            }
            assertThat(served.lines()).contains("stopped: every request in flight finished");
        } finally {
            served.process().destroyForcibly();
        }
    }
}
