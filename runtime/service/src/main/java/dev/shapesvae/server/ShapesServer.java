package dev.shapesvae.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.exceptions.ApplicationStartupException;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import io.micronaut.runtime.server.EmbeddedServer;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The service: Micronaut on Netty serving the REST API, the Open Inference Protocol (KServe v2)
 * over REST and, on its own port, over gRPC, health ({@code /health}), Prometheus metrics
 * ({@code /prometheus}) and the OpenAPI document ({@code /swagger/shapes-vae-1.0.yml}).
 */
@OpenAPIDefinition(info = @Info(title = "shapes-vae", version = "1.0",
        description = "Sample, encode and decode shapes models; the Open Inference Protocol (KServe v2) for their encoder and"
                + " decoder graphs, with Triton's binary tensor data, model configuration, model repository and statistics extensions."),
        servers = @Server(url = "http://127.0.0.1:8080", description = "runtime serve's default address"),
        tags = {
            @Tag(name = "models", description = "Sample, encode, decode, reconstruct and traverse, by model name"),
            @Tag(name = "v2", description = "The Open Inference Protocol (KServe v2) for <name>-encoder and <name>-decoder"),
            @Tag(name = "v2 extensions", description = "Triton's model configuration, statistics and model repository extensions"),
            @Tag(name = "admin", description = "Operations that need the admin token")})
@SecurityScheme(name = ShapesServer.ADMIN_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The admin token runtime serve was started with (--admin-token or SHAPES_VAE_ADMIN_TOKEN)")
public final class ShapesServer implements AutoCloseable {
    /** The OpenAPI document's name for the admin token's security scheme. */
    static final String ADMIN_TOKEN = "adminToken";
    /** The executor that runs every request touching a model: the {@link WorkerPool}. */
    public static final String INFERENCE_EXECUTOR = "inference";

    private final ApplicationContext context;
    private final EmbeddedServer server;

    private ShapesServer(ApplicationContext context, EmbeddedServer server) {
        this.context = context;
        this.server = server;
    }

    /** The gRPC port that turns gRPC off. */
    public static final int GRPC_OFF = 0;
    /** The gRPC port that asks for any free port. */
    public static final int ANY_FREE_PORT = -1;

    /** Starts serving HTTP on {@code host:port} (port 0 or -1: a free port), without gRPC. */
    public static ShapesServer start(ServerSettings settings, String host, int port) {
        return start(settings, host, port, GRPC_OFF);
    }

    /**
     * Starts serving HTTP on {@code host:port} (port 0 or -1: a free port) and the Open Inference
     * Protocol over gRPC on {@code host:grpcPort} ({@link #GRPC_OFF}: no gRPC;
     * {@link #ANY_FREE_PORT}: a free port). A gRPC port that cannot be listened on stops the start
     * with an {@link IllegalArgumentException} that names {@code --grpc-port}.
     */
    public static ShapesServer start(ServerSettings settings, String host, int port, int grpcPort) {
        if (grpcPort < ANY_FREE_PORT || grpcPort > 65535) {
            throw new IllegalArgumentException("--grpc-port must be between 0 (off) and 65535, got " + grpcPort);
        }
        // The fixed settings are in application.yml; these are the ones the flags decide.
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.host", host);
        properties.put("micronaut.server.port", port <= 0 ? -1 : port);
        // One limit for the body, whether it streams or is buffered whole (the buffer's own default is 10 MiB).
        properties.put("micronaut.server.max-request-size", settings.maxBodyBytes());
        properties.put("micronaut.server.max-request-buffer-size", settings.maxBodyBytes());
        properties.put("micronaut.server.cors.enabled", !settings.corsOrigins().isEmpty());
        if (!settings.corsOrigins().isEmpty()) {
            properties.put("micronaut.server.cors.configurations.web.allowed-origins", settings.corsOrigins());
        }
        // Micronaut's gRPC server starts beside the HTTP server, in the same context: the same
        // models, limits, metrics and worker pool. It takes messages as large as HTTP bodies.
        boolean grpc = grpcPort != GRPC_OFF;
        properties.put("grpc.server.enabled", grpc);
        properties.put("grpc.server.health.enabled", grpc);
        properties.put("grpc.server.host", host);
        properties.put("grpc.server.port", Math.max(grpcPort, 0));
        properties.put("grpc.server.max-inbound-message-size", (int) settings.maxBodyBytes());
        ApplicationContext context = ApplicationContext.builder().properties(properties).singletons(settings).start();
        try {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            return new ShapesServer(context, server);
        } catch (RuntimeException e) {
            context.close();
            throw grpcStartFailure(e, host, grpcPort).orElse(e);
        }
    }

    /** The gRPC server's own failure to start, said the way the CLI says a refused HTTP port (one line naming the flag). */
    private static Optional<RuntimeException> grpcStartFailure(RuntimeException e, String host, int grpcPort) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationStartupException && String.valueOf(cause.getMessage()).startsWith("Unable to start GRPC server")) {
                String reason = cause.getCause() instanceof IOException io && io.getCause() != null
                        ? String.valueOf(io.getCause().getMessage()).toLowerCase(Locale.ROOT) : String.valueOf(cause.getMessage());
                return Optional.of(new IllegalArgumentException("cannot listen for gRPC on " + host + ":" + grpcPort + ": " + reason
                        + "; choose another --grpc-port (0 turns gRPC off), or stop the program that uses it"));
            }
        }
        return Optional.empty();
    }

    public URI uri() {
        return server.getURI();
    }

    public int port() {
        return server.getPort();
    }

    /** The port gRPC listens on; empty when gRPC is off. */
    public OptionalInt grpcPort() {
        return context.findBean(GrpcEmbeddedServer.class).filter(EmbeddedServer::isRunning).map(g -> OptionalInt.of(g.getPort()))
                .orElse(OptionalInt.empty());
    }

    public ModelRegistry registry() {
        return context.getBean(ModelRegistry.class);
    }

    /**
     * Stops taking connections, lets the requests in flight finish for up to {@code grace}, then
     * stops; returns whether every request finished within it.
     */
    public boolean shutdown(Duration grace) {
        boolean drained = true;
        try {
            context.getBean(GracefulShutdownManager.class).shutdownGracefully().toCompletableFuture()
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            drained = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        close();
        return drained;
    }

    /** Stops at once; requests in flight are cut off. */
    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
        context.close();
    }
}
