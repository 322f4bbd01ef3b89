package dev.shapesvae.server.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.server.ApiException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Conversions of FP16 and FP64 inputs to FP32, against values worked out by hand from the IEEE 754 bit layouts. */
class DatatypeTest {
    @Test
    void halfPrecisionBitsBecomeTheFloatsTheyEncode() {
        // sign | 5 exponent bits (bias 15) | 10 mantissa bits
        assertThat(Datatype.halfToFloat((short) 0x3C00)).isEqualTo(1.0f);           // 2^0
        assertThat(Datatype.halfToFloat((short) 0xC000)).isEqualTo(-2.0f);          // -2^1
        assertThat(Datatype.halfToFloat((short) 0x3555)).isEqualTo(0.333251953125f); // 2^-2 x (1 + 341/1024)
        assertThat(Datatype.halfToFloat((short) 0x7BFF)).isEqualTo(65504.0f);       // largest: 2^15 x (1 + 1023/1024)
        assertThat(Datatype.halfToFloat((short) 0x0400)).isEqualTo(0x1p-14f);       // smallest normal
        assertThat(Datatype.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);       // smallest subnormal: 1 x 2^-24
        assertThat(Datatype.halfToFloat((short) 0x03FF)).isEqualTo(1023 * 0x1p-24f); // largest subnormal
        assertThat(Float.floatToIntBits(Datatype.halfToFloat((short) 0x8000))).isEqualTo(Float.floatToIntBits(-0.0f));
        assertThat(Datatype.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Datatype.halfToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Datatype.halfToFloat((short) 0x7E00)).isNaN();
    }

    @Test
    void rawValuesAreReadLittleEndian() {
        ByteBuffer fp64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-3);
        ByteBuffer fp16 = ByteBuffer.wrap(new byte[] {0x00, 0x3C, 0x00, (byte) 0xC0});
        ByteBuffer fp32 = ByteBuffer.wrap(new byte[] {0x00, 0x00, (byte) 0x80, 0x3F});

        assertThat(Datatype.FP64.decode(fp64.flip())).containsExactly(0.1f, -3f);
        assertThat(Datatype.FP16.decode(fp16)).containsExactly(1f, -2f);
        assertThat(Datatype.FP32.decode(fp32)).containsExactly(1f);
    }

    @Test
    void anyOtherDatatypeIsRefusedNamingTheAcceptedOnes() {
        assertThat(Datatype.accepted("FP16", "inputs[0].datatype")).isEqualTo(Datatype.FP16);
        assertThatThrownBy(() -> Datatype.accepted("BF16", "inputs[0].datatype")).isInstanceOf(ApiException.class)
                .hasMessage("inputs[0].datatype is 'BF16', which this service does not take: the accepted datatypes are FP32, FP16 and FP64"
                        + " (only FP32 is supported natively; FP16 and FP64 are converted to FP32)");
    }
}
