package dev.shapesvae.server.v2;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * An inference request, whatever its transport: an optional id the response repeats, the input
 * tensors, and the names of the outputs wanted (empty: all of them).
 */
public record InferRequest(@Nullable String id, List<InferInput> inputs, List<String> outputs) {
    public InferRequest {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
