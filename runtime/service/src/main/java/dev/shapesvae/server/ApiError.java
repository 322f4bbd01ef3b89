package dev.shapesvae.server;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of every refusal, REST and v2 alike: {@code {"error": "..."}}. */
@Schema(name = "Error", description = "Why the request was refused")
public record ApiError(@Schema(description = "What was wrong, naming the field, value or flag", example = "'count' must be between 1 and 4096, got 0")
        String error) {
}
