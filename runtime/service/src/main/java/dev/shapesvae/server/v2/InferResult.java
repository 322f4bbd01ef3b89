package dev.shapesvae.server.v2;

import io.micronaut.core.annotation.Nullable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** What an inference answers: the graph and version that ran, the request's id, and the output tensors. */
public record InferResult(String modelName, String modelVersion, @Nullable String id, List<Output> outputs) {
    public InferResult {
        outputs = List.copyOf(outputs);
    }

    /** An FP32 output tensor, its values in row-major order. */
    public record Output(String name, String datatype, List<Long> shape, float[] data) {
        /** The values as little-endian bytes without padding: the binary tensor data extension's and gRPC's raw encoding. */
        public byte[] littleEndian() {
            ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(data);
            return bytes.array();
        }
    }
}
