package dev.shapesvae.analysis.metrics;

import dev.shapesvae.inference.FloatMatrix;

/** How much information the latent layer carries, in bits (SPEC section 5). */
public final class InformationRate {
    private InformationRate() {
    }

    /**
     * The AE's rate through its noisy channel, per dimension: 0.5 log2(1 + Var(z_i) / sigma_n^2),
     * with the population variance of the encodings of all valid images.
     */
    public static double[] autoencoder(FloatMatrix z, double sigmaN) {
        return throughNoise(z, sigmaN * sigmaN);
    }

    /**
     * The report's form, which divided by sigma_n instead of sigma_n^2 (a bug the spec records):
     * 0.5 log2(1 + Var(z_i) / sigma_n).
     */
    public static double[] autoencoderReportCompatible(FloatMatrix z, double sigmaN) {
        return throughNoise(z, sigmaN);
    }

    private static double[] throughNoise(FloatMatrix z, double noiseVariance) {
        if (!(noiseVariance > 0)) {
            throw new IllegalArgumentException("the AE information rate needs a positive latent noise sigma_n");
        }
        double[] variances = variances(z);
        double[] rate = new double[variances.length];
        for (int i = 0; i < rate.length; i++) {
            rate[i] = 0.5 * Bits.log2(1 + variances[i] / noiseVariance);
        }
        return rate;
    }

    /**
     * The VAE's rate per dimension: the mean over images of KL(N(mu, e^logvar) || N(0, 1)) in bits,
     * 0.5 (mu^2 + e^logvar - logvar - 1) / ln 2.
     */
    public static double[] variational(FloatMatrix mean, FloatMatrix logvar) {
        int n = mean.rows();
        int l = mean.columns();
        double[] rate = new double[l];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                double mu = mean.data()[i * l + j];
                double lv = logvar.data()[i * l + j];
                rate[j] += 0.5 * (mu * mu + Math.exp(lv) - lv - 1);
            }
        }
        for (int j = 0; j < l; j++) {
            rate[j] = Bits.fromNats(rate[j] / n);
        }
        return rate;
    }

    /** Population variance of each column. */
    static double[] variances(FloatMatrix z) {
        int n = z.rows();
        int l = z.columns();
        double[] mean = new double[l];
        double[] var = new double[l];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                mean[j] += z.data()[i * l + j];
            }
        }
        for (int j = 0; j < l; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                double d = z.data()[i * l + j] - mean[j];
                var[j] += d * d;
            }
        }
        for (int j = 0; j < l; j++) {
            var[j] /= n;
        }
        return var;
    }

    public static double total(double[] perDimension) {
        double sum = 0;
        for (double v : perDimension) {
            sum += v;
        }
        return sum;
    }
}
