package dev.shapesvae.runtime.server;

import dev.shapesvae.runtime.InferenceOptions;
import java.nio.file.Path;

/**
 * What the service serves and its limits: the model repository, how models run, the largest
 * {@code count} of one request, and the largest request body in bytes.
 */
public record ServerSettings(Path models, InferenceOptions inference, int maxCount, long maxBodyBytes) {
    public ServerSettings {
        if (maxCount <= 0) {
            throw new IllegalArgumentException("--max-count must be positive, got " + maxCount);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("--max-body must be positive, got " + maxBodyBytes);
        }
    }
}
