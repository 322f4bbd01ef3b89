package dev.shapesvae.server;

import dev.shapesvae.inference.InferenceOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the service serves and its limits: the model repository, how models run, how many
 * requests run models at once ({@code workers}; the rest queue), the largest {@code count} of one
 * request, the largest request body in bytes, the bearer token that turns the admin endpoints on
 * (empty: they are off), the origins allowed to call from a browser (empty: CORS off), and how
 * long a shutdown waits for requests in flight.
 */
public record ServerSettings(Path models, InferenceOptions inference, int workers, int maxCount, long maxBodyBytes,
        Optional<String> adminToken, List<String> corsOrigins, Duration shutdownGrace) {
    /** The grace period of a shutdown unless {@code --shutdown-grace} says otherwise. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    public ServerSettings {
        if (workers <= 0) {
            throw new IllegalArgumentException("--workers must be positive, got " + workers);
        }
        if (maxCount <= 0) {
            throw new IllegalArgumentException("--max-count must be positive, got " + maxCount);
        }
        if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--max-body must be between 1 and " + Integer.MAX_VALUE + " bytes, got " + maxBodyBytes);
        }
        if (adminToken.isPresent() && adminToken.get().isBlank()) {
            throw new IllegalArgumentException("--admin-token must not be blank; leave it out to keep the admin endpoints off");
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("--shutdown-grace must be >= 0 seconds, got " + shutdownGrace.toSeconds());
        }
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** No admin token, no CORS, the default shutdown grace period. */
    public static ServerSettings of(Path models, InferenceOptions inference, int workers, int maxCount, long maxBodyBytes) {
        return new ServerSettings(models, inference, workers, maxCount, maxBodyBytes, Optional.empty(), List.of(), DEFAULT_SHUTDOWN_GRACE);
    }

    /** The same with the admin endpoints behind {@code token}. */
    public ServerSettings withAdminToken(String token) {
        return new ServerSettings(models, inference, workers, maxCount, maxBodyBytes, Optional.of(token), corsOrigins, shutdownGrace);
    }

    /** The same with browsers allowed to call from {@code origins}. */
    public ServerSettings withCorsOrigins(List<String> origins) {
        return new ServerSettings(models, inference, workers, maxCount, maxBodyBytes, adminToken, origins, shutdownGrace);
    }
}
