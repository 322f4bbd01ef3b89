package dev.shapesvae.runtime.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import io.micronaut.runtime.server.EmbeddedServer;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP service: Micronaut on Netty serving the REST API, the KServe v2 protocol, health
 * ({@code /health}), Prometheus metrics ({@code /prometheus}) and the OpenAPI document
 * ({@code /swagger/shapes-vae-1.0.yml}).
 */
@OpenAPIDefinition(info = @Info(title = "shapes-vae", version = "1.0",
        description = "Sample, encode and decode shapes models; KServe v2 inference for their encoder and decoder graphs."))
public final class ShapesServer implements AutoCloseable {
    /** The executor that runs every request touching a model: the {@link WorkerPool}. */
    public static final String INFERENCE_EXECUTOR = "inference";

    private final ApplicationContext context;
    private final EmbeddedServer server;

    private ShapesServer(ApplicationContext context, EmbeddedServer server) {
        this.context = context;
        this.server = server;
    }

    /** Starts serving on {@code host:port} (port 0 or -1: a free port). */
    public static ShapesServer start(ServerSettings settings, String host, int port) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("micronaut.application.name", "shapes-vae");
        // Keep empty arrays (the v2 protocol has some); leave out only absent optional fields.
        properties.put("jackson.serialization-inclusion", "NON_NULL");
        // Images are hundreds of thousands of floats per response: Jackson's Schubfach writer
        // formats them several times faster than Float.toString, with the same shortest digits.
        properties.put("jackson.generator.USE_FAST_DOUBLE_WRITER", true);
        properties.put("micronaut.server.host", host);
        properties.put("micronaut.server.port", port <= 0 ? -1 : port);
        // One limit for the body, whether it streams or is buffered whole (the buffer's own default is 10 MiB).
        properties.put("micronaut.server.max-request-size", settings.maxBodyBytes());
        properties.put("micronaut.server.max-request-buffer-size", settings.maxBodyBytes());
        properties.put("micronaut.server.cors.enabled", !settings.corsOrigins().isEmpty());
        if (!settings.corsOrigins().isEmpty()) {
            properties.put("micronaut.server.cors.configurations.web.allowed-origins", settings.corsOrigins());
        }
        // Micronaut's gRPC server starts beside the HTTP server whenever it is on the class path; off until asked for.
        properties.put("grpc.server.enabled", false);
        properties.put("grpc.server.health.enabled", false);
        properties.put("endpoints.all.enabled", false);
        properties.put("endpoints.health.enabled", true);
        properties.put("endpoints.health.sensitive", false);
        properties.put("endpoints.prometheus.enabled", true);
        properties.put("endpoints.prometheus.sensitive", false);
        properties.put("micronaut.metrics.enabled", true);
        properties.put("micronaut.metrics.export.prometheus.enabled", true);
        properties.put("micronaut.metrics.export.prometheus.descriptions", true);
        properties.put("micronaut.metrics.binders.web.enabled", true);
        properties.put("micronaut.router.static-resources.swagger.paths", "classpath:META-INF/swagger");
        properties.put("micronaut.router.static-resources.swagger.mapping", "/swagger/**");
        ApplicationContext context = ApplicationContext.builder().properties(properties).singletons(settings).start();
        try {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            return new ShapesServer(context, server);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public URI uri() {
        return server.getURI();
    }

    public int port() {
        return server.getPort();
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
