package dev.shapesvae.server.v2;

import dev.shapesvae.server.ApiException;
import java.nio.ByteBuffer;

/** Values given as little-endian bytes, row-major, without padding. */
record RawValues(ByteBuffer bytes, String where) implements TensorValues {
    @Override
    public float[] floats(Datatype datatype) {
        if (bytes.remaining() % datatype.bytes() != 0) {
            throw ApiException.badRequest(where + " has " + bytes.remaining() + " bytes, not a whole number of "
                    + datatype + " values of " + datatype.bytes() + " bytes each");
        }
        return datatype.decode(bytes);
    }
}
