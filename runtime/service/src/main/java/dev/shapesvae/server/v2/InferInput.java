package dev.shapesvae.server.v2;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * One input tensor of an inference request as the client sent it: its name, datatype and shape,
 * and its values in whatever encoding the transport carried. {@code shape} is null when what was
 * sent is not a list of integers; {@code shapeAsSent} is what was sent, for messages.
 */
public record InferInput(String name, String datatype, @Nullable List<Long> shape, String shapeAsSent, TensorValues values) {
    /** An input whose shape arrived as integers (gRPC, or JSON that was checked). */
    public static InferInput of(String name, String datatype, List<Long> shape, TensorValues values) {
        return new InferInput(name, datatype, List.copyOf(shape), shape.toString().replace(" ", ""), values);
    }
}
