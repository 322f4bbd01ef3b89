package dev.shapesvae.export;

/** Layer normalisation over the features: (x - mean) / sqrt(var + epsilon) * scale + shift. */
public record LayerNorm(float[] scale, float[] shift, float epsilon) {
    public LayerNorm {
        if (scale.length != shift.length) {
            throw new IllegalArgumentException("scale and shift differ in length: " + scale.length + " vs " + shift.length);
        }
        scale = scale.clone();
        shift = shift.clone();
    }

    @Override
    public float[] scale() {
        return scale.clone();
    }

    @Override
    public float[] shift() {
        return shift.clone();
    }
}
