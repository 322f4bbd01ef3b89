package dev.shapesvae.server.v2;

import dev.shapesvae.server.ApiException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The input datatypes the service takes: FP32, which the models run on, and FP16 and FP64, which
 * are converted to FP32 (what a client holding half or double precision arrays sends unchanged).
 */
public enum Datatype {
    FP32(Float.BYTES),
    FP16(Short.BYTES),
    FP64(Double.BYTES);

    private final int bytes;

    Datatype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per value in the binary encodings. */
    public int bytes() {
        return bytes;
    }

    /** The datatype a client named; 400 naming the accepted ones for any other. */
    public static Datatype accepted(String name, String where) {
        for (Datatype datatype : values()) {
            if (datatype.name().equals(name)) {
                return datatype;
            }
        }
        throw ApiException.badRequest(where + " is '" + name + "', which this service does not take: the accepted datatypes are"
                + " FP32, FP16 and FP64 (only FP32 is supported natively; FP16 and FP64 are converted to FP32)");
    }

    /** Little-endian values, row-major, as floats; the buffer holds a whole number of values. */
    public float[] decode(ByteBuffer raw) {
        ByteBuffer bytes = raw.slice().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / this.bytes];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (this) {
                case FP32 -> bytes.getFloat(i * Float.BYTES);
                case FP16 -> halfToFloat(bytes.getShort(i * Short.BYTES));
                case FP64 -> (float) bytes.getDouble(i * Double.BYTES);
            };
        }
        return values;
    }

    /**
     * An IEEE 754 half-precision value as a float; every half is exactly representable. (Java 20
     * has Float.float16ToFloat; this runs on 17.)
     */
    static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1F;
        int mantissa = half & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa x 2^-24, exact in a float.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        // Rebias the exponent from 15 to 127 and widen the mantissa from 10 to 23 bits.
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
