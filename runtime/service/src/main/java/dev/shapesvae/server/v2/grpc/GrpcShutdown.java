package dev.shapesvae.server.v2.grpc;

import io.grpc.Server;
import io.micronaut.context.annotation.Requires;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.grpc.server.GrpcServerConfiguration;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A graceful stop for the gRPC server, beside the HTTP server's: it stops taking calls, and the
 * stop is done when every call in flight has been answered. (Micronaut's gRPC module only stops
 * the server at once, when the HTTP server stops.)
 */
@Singleton
@Requires(property = GrpcServerConfiguration.ENABLED, value = "true")
final class GrpcShutdown implements GracefulShutdownCapable {
    private final GrpcEmbeddedServer server;

    GrpcShutdown(GrpcEmbeddedServer server) {
        this.server = server;
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        if (!server.isRunning()) {
            return CompletableFuture.completedFuture(null);
        }
        Server grpc = server.getServer().shutdown();
        return CompletableFuture.runAsync(() -> {
            try {
                grpc.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
