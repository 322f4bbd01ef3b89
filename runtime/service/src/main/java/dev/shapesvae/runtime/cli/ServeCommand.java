package dev.shapesvae.runtime.cli;

import dev.shapesvae.cli.DeviceOption;
import dev.shapesvae.cli.ModelsFolder;
import dev.shapesvae.inference.ExecutionProvider;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.server.ServerSettings;
import dev.shapesvae.server.ShapesServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code runtime serve}: the HTTP service over the model repository, until SIGTERM or Ctrl-C, then a graceful stop. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the model repository: REST under /api, the Open Inference Protocol (KServe v2) under /v2",
            "and over gRPC on --grpc-port, /health, /prometheus, and the OpenAPI document under /swagger."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ModelsFolder repository;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port; 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--grpc-port", defaultValue = "8001",
            description = "Port of the Open Inference Protocol over gRPC (inference.GRPCInferenceService); 0 turns gRPC off (default: ${DEFAULT-VALUE}).")
    int grpcPort;

    @Mixin
    DeviceOption device;

    @Option(names = "--workers", description = "Requests that run models at once; the rest queue (default: one per core, ${DEFAULT-VALUE} here).")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--threads", defaultValue = "1", description = {"ONNX Runtime intra-op threads per request; 0 = one per core (default: ${DEFAULT-VALUE}:",
        "concurrent requests already keep the cores busy)."})
    int threads;

    @Option(names = "--max-count", defaultValue = "4096", description = "Largest count or number of rows in one request (default: ${DEFAULT-VALUE}).")
    int maxCount;

    @Option(names = "--max-body", defaultValue = "67108864", description = "Largest request body in bytes; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--admin-token", defaultValue = "${env:SHAPES_VAE_ADMIN_TOKEN}", paramLabel = "TOKEN",
            description = {"Turns the admin endpoints (reload) on, for requests with 'Authorization: Bearer TOKEN'.",
                "Default: the SHAPES_VAE_ADMIN_TOKEN environment variable; unset: admin endpoints off."})
    String adminToken;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = "An origin browsers may call from, e.g. https://example.org (repeatable; default: none, CORS off).")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--shutdown-grace", defaultValue = "30", paramLabel = "SECONDS",
            description = "On SIGTERM or Ctrl-C, stop taking connections and let requests in flight finish for up to this long (default: ${DEFAULT-VALUE}).")
    long shutdownGrace;

    /** The admin token; an empty SHAPES_VAE_ADMIN_TOKEN (or flag) leaves the admin endpoints off, as an unset one does. */
    private Optional<String> adminToken() {
        return Optional.ofNullable(adminToken).filter(t -> !t.isBlank());
    }

    @Override
    public Integer call() throws Exception {
        if (grpcPort < 0 || grpcPort > 65535) {
            throw new IllegalArgumentException("--grpc-port must be between 0 (off) and 65535, got " + grpcPort);
        }
        ServerSettings settings = new ServerSettings(repository.open().root(), InferenceOptions.builder().provider(ExecutionProvider.parse(device.text())).intraOpThreads(threads).build(), workers,
                maxCount, maxBody, adminToken(), corsOrigins, Duration.ofSeconds(shutdownGrace));
        StopSignals signals = StopSignals.install();
        ShapesServer server = ShapesServer.start(settings, host, port, grpcPort);
        String grpc = server.grpcPort().stream().mapToObj(p -> " and gRPC at " + host + ":" + p).findFirst().orElse(" (gRPC off)");
        try (var lease = server.registry().lease()) {
            System.out.println("serving " + lease.names() + " at " + server.uri() + grpc + " with " + workers + " workers x "
                    + (threads == 0 ? "default" : String.valueOf(threads)) + " ONNX Runtime thread(s); admin endpoints "
                    + (adminToken().isEmpty() ? "off" : "on") + " (Ctrl-C or SIGTERM to stop)");
        }
        System.out.println("  try: curl -s -X POST -H 'Content-Type: application/json' -H 'Accept: image/png' -d '{\"count\": 16}' " + server.uri() + "/api/models/<name>/sample > samples.png");
        System.out.flush();
        signals.await();
        System.out.println("stopping: no new connections; waiting up to " + shutdownGrace + " s for requests in flight");
        System.out.flush();
        boolean drained = server.shutdown(settings.shutdownGrace());
        System.out.println(drained ? "stopped: every request in flight finished"
                : "stopped after the " + shutdownGrace + " s grace period; requests still running were cut off");
        return 0;
    }
}
