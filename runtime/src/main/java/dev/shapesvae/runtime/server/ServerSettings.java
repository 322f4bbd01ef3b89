package dev.shapesvae.runtime.server;

import dev.shapesvae.runtime.InferenceOptions;
import java.nio.file.Path;

/**
 * What the service serves and its limits: the model repository, how models run, how many
 * requests run models at once ({@code workers}; the rest queue), the largest {@code count} of one
 * request, and the largest request body in bytes.
 */
public record ServerSettings(Path models, InferenceOptions inference, int workers, int maxCount, long maxBodyBytes) {
    public ServerSettings {
        if (workers <= 0) {
            throw new IllegalArgumentException("--workers must be positive, got " + workers);
        }
        if (maxCount <= 0) {
            throw new IllegalArgumentException("--max-count must be positive, got " + maxCount);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("--max-body must be positive, got " + maxBodyBytes);
        }
    }
}
