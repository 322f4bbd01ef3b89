package dev.shapesvae.inference;

import java.util.SplittableRandom;

/** The prior N(0, I): z = t eps, one Gaussian draw per value, row after row. */
final class NormalPrior extends LatentSampler {
    NormalPrior(int latentDim) {
        super(latentDim);
    }

    @Override
    void drawRow(SplittableRandom random, double temperature, float[] z, int offset) {
        for (int j = 0; j < latentDim(); j++) {
            z[offset + j] = (float) (random.nextGaussian() * temperature);
        }
    }
}
