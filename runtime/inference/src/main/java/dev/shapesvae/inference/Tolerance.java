package dev.shapesvae.inference;

/**
 * How far a candidate's output may be from a reference's: {@code |candidate - reference| <=
 * absolute + relative * |reference|}, NumPy's {@code allclose} rule.
 *
 * @param absolute the allowance for every value
 * @param relative the allowance per unit of the reference value's magnitude
 */
public record Tolerance(double absolute, double relative) {
    /**
     * Outputs of ONNX Runtime's CUDA provider against its CPU provider: 0.01 + 0.01 x |CPU value|.
     * On Ampere and newer GPUs the CUDA provider runs float32 matrix products in TF32 by default
     * (its {@code use_tf32} option), which rounds their inputs to 10 bits of mantissa, a relative
     * error of up to 2^-11 (about 5e-4) a factor; cuBLAS also sums in another order than the CPU.
     * Through quick-vae's three layers of 256 to 784 inputs we estimate that at about 1e-3 in a
     * pre-activation and at most a few 1e-3 in any of a thousand rows' outputs: an estimate from the
     * rounding alone, not yet measured, as no GPU has been available to this project. That leaves
     * 0.01 a margin of a few times, while a wrong kernel, a missing layer or NaN misses it by far
     * (probabilities are in [0, 1]; a different image differs by tenths).
     */
    public static final Tolerance CUDA_AGAINST_CPU = new Tolerance(0.01, 0.01);

    /** Checks that both allowances are finite and not negative. */
    public Tolerance {
        if (!(absolute >= 0) || Double.isInfinite(absolute)) {
            throw new IllegalArgumentException("absolute tolerance must be a finite number >= 0, got " + absolute);
        }
        if (!(relative >= 0) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException("relative tolerance must be a finite number >= 0, got " + relative);
        }
    }

    /** How far from {@code reference} a value may be. */
    public double allowance(double reference) {
        return absolute + relative * Math.abs(reference);
    }
}
