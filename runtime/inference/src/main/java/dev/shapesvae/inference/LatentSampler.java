package dev.shapesvae.inference;

import dev.shapesvae.repository.SamplerEntry;
import java.util.SplittableRandom;

/**
 * Where a model's latents come from when it generates, as pythae's samplers: the prior N(0, I)
 * that every model offers ({@value #PRIOR}, the report's protocol) or a distribution fitted after
 * training and stored in the bundle, such as a {@link GaussianMixture} of the training set's codes
 * ({@code gmm}). A sampler draws the same latents for the same count, seed and temperature.
 *
 * <p>The temperature t scales the spread about the distribution's centres: the prior draws
 * z = t eps, a mixture z = mean_k + t L_k eps, where eps ~ N(0, I) and L_k L_k^T is component k's
 * covariance. t = 1 is the distribution itself; t = 0 gives its centres only.
 */
public abstract sealed class LatentSampler permits NormalPrior, MixtureSampler {
    /** The name of the prior N(0, I), which every model offers first. */
    public static final String PRIOR = SamplerEntry.PRIOR;

    private final int latentDim;

    LatentSampler(int latentDim) {
        if (latentDim <= 0) {
            throw new IllegalArgumentException("latent dimension must be positive, got " + latentDim);
        }
        this.latentDim = latentDim;
    }

    /** The prior N(0, I) over {@code latentDim} dimensions. */
    public static LatentSampler prior(int latentDim) {
        return new NormalPrior(latentDim);
    }

    /** Draws from a Gaussian mixture. */
    public static LatentSampler of(GaussianMixture mixture) {
        return new MixtureSampler(mixture);
    }

    /** The width of the latents drawn. */
    public int latentDim() {
        return latentDim;
    }

    /**
     * {@code count} latents [count, L] at temperature {@code temperature}, the same for the same
     * arguments: a {@link SplittableRandom} of the seed draws the rows one after another.
     */
    public FloatMatrix sample(int count, long seed, double temperature) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        if ((long) count * latentDim > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("count " + count + " is too large for one array of latents");
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] z = new float[count * latentDim];
        for (int row = 0; row < count; row++) {
            drawRow(random, temperature, z, row * latentDim);
        }
        return new FloatMatrix(count, latentDim, z);
    }

    /** Draws one latent into {@code z[offset .. offset + L)}. */
    abstract void drawRow(SplittableRandom random, double temperature, float[] z, int offset);
}
