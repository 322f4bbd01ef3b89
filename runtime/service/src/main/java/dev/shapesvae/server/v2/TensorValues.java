package dev.shapesvae.server.v2;

/**
 * The values of one input tensor in the encoding the client chose (JSON numbers, the binary
 * extension's bytes, gRPC's typed or raw contents), decoded into floats when the service asks.
 */
public interface TensorValues {
    /** What the values are called in messages, e.g. {@code inputs[0].data}. */
    String where();

    /** Every value, in row-major order, as floats; 400 naming {@link #where()} when they cannot be read. */
    float[] floats(Datatype datatype);

    /** Little-endian values without padding: the binary tensor data extension and gRPC's raw contents. */
    static TensorValues raw(java.nio.ByteBuffer bytes, String where) {
        return new RawValues(bytes, where);
    }
}
