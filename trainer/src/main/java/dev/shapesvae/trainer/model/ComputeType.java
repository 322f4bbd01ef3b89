package dev.shapesvae.trainer.model;

import dev.shapesvae.repository.Precision;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * The TensorFlow type that a network's matrix products and activations run in, between float32
 * at its edges: the input images or latents come in as float32, the weights are float32
 * variables, and the heads' outputs go to the loss as float32. In float32 every conversion is the
 * operand itself, so a float32 graph has no cast in it.
 *
 * <p>bfloat16 keeps float32's 8-bit exponent and so its range: gradients neither underflow nor
 * overflow where float32's would not, and mixed-precision training needs no loss scaling (which
 * float16, with its 5-bit exponent, would). Its 8-bit significand rounds each value by at most
 * 2^-9 of itself.
 *
 * @param <T> {@link TFloat32} or {@link TBfloat16}
 */
public final class ComputeType<T extends TFloating> {
    /** float32 throughout: no casts. */
    public static final ComputeType<TFloat32> FLOAT32 = new ComputeType<>(TFloat32.class);
    /** bfloat16 products and activations, which oneDNN runs with the CPU's bfloat16 instructions (AVX512_BF16, AMX) where it has them. */
    public static final ComputeType<TBfloat16> BFLOAT16 = new ComputeType<>(TBfloat16.class);

    private final Class<T> type;

    private ComputeType(Class<T> type) {
        this.type = type;
    }

    /** The compute type of a training precision. */
    public static ComputeType<?> of(Precision precision) {
        return switch (precision) {
            case FP32 -> FLOAT32;
            case BF16 -> BFLOAT16;
        };
    }

    /** The tensor type, e.g. for a variable of this type. */
    public Class<T> type() {
        return type;
    }

    /** Whether this is float32, where nothing is cast. */
    public boolean isFloat32() {
        return type == TFloat32.class;
    }

    /** {@code x} in this type: rounded to the nearest bfloat16, or {@code x} itself in float32. */
    @SuppressWarnings("unchecked")
    public Operand<T> from(Ops tf, Operand<TFloat32> x) {
        return isFloat32() ? (Operand<T>) x : tf.dtypes.cast(x, type);
    }

    /** {@code x} as float32 (exact from bfloat16), or {@code x} itself in float32. */
    @SuppressWarnings("unchecked")
    public Operand<TFloat32> toFloat32(Ops tf, Operand<T> x) {
        return isFloat32() ? (Operand<TFloat32>) x : tf.dtypes.cast(x, TFloat32.class);
    }

    /** A scalar constant of this type, rounded to the nearest value it holds (TensorFlow folds the cast away). */
    public Operand<T> constant(Ops tf, float value) {
        return from(tf, tf.constant(value));
    }

    @Override
    public String toString() {
        return isFloat32() ? "float32" : "bfloat16";
    }
}
