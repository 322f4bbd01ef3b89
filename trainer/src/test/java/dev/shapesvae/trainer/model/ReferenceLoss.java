package dev.shapesvae.trainer.model;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.export.MlpWeights;
import dev.shapesvae.testing.ReferenceMlp;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The loss of SPEC section 2 written out again, in double precision, from the definitions: the
 * yardstick for {@link ModelGraph}'s training graph. Forward passes go through {@link ReferenceMlp};
 * nothing here calls {@link Losses}.
 */
final class ReferenceLoss {
    /** The stream numbers that {@link ModelGraph} keys its Gaussian draws with: the VAE's epsilon or the AE's noise, and the AE's prior sample. */
    static final long NOISE_STREAM = 3;
    static final long PRIOR_STREAM = 4;

    private ReferenceLoss() {
    }

    /** Loss terms {reconstruction, weighted regulariser, total}, each averaged over the rows. */
    record Terms(double reconstruction, double regulariser, double total) {
    }

    /**
     * The VAE's loss on images {@code x} (rows of 784) for standard normal draws {@code eps}
     * [rows x L]: sum over pixels of BCE(logits, x) + beta KL(N(mu, exp(logvar)), N(0, I)), with
     * z = mu + exp(logvar / 2) eps.
     */
    static Terms vae(MlpWeights encoder, MlpWeights decoder, float[] x, float[] eps, double beta) {
        int rows = x.length / Canvas.PIXELS;
        int latent = eps.length / rows;
        double reconstruction = 0;
        double kl = 0;
        for (int i = 0; i < rows; i++) {
            float[] image = row(x, i, Canvas.PIXELS);
            double[] mu = ReferenceMlp.forward(encoder, image, 0);
            double[] logvar = ReferenceMlp.forward(encoder, image, 1);
            double[] z = new double[latent];
            for (int j = 0; j < latent; j++) {
                z[j] = mu[j] + Math.exp(0.5 * logvar[j]) * eps[i * latent + j];
                kl += 0.5 * (mu[j] * mu[j] + Math.exp(logvar[j]) - logvar[j] - 1);
            }
            double[] logits = ReferenceMlp.forward(decoder, z, 0);
            for (int p = 0; p < Canvas.PIXELS; p++) {
                reconstruction += crossEntropy(logits[p], image[p]);
            }
        }
        return terms(reconstruction / rows, beta * kl / rows);
    }

    /**
     * The AE's loss: mean over rows and pixels of (x - sigmoid(decoder(z + sigma_n n)))^2 +
     * lambda MMD^2(z, prior), the biased estimator with the kernel sum over the bandwidths.
     */
    static Terms ae(MlpWeights encoder, MlpWeights decoder, float[] x, float[] noise, float[] prior, double sigmaN, double lambda,
            List<Double> bandwidths) {
        int rows = x.length / Canvas.PIXELS;
        int latent = noise.length / rows;
        double squares = 0;
        double[][] z = new double[rows][];
        double[][] p = new double[rows][latent];
        for (int i = 0; i < rows; i++) {
            float[] image = row(x, i, Canvas.PIXELS);
            z[i] = ReferenceMlp.forward(encoder, image, 0);
            double[] noisy = new double[latent];
            for (int j = 0; j < latent; j++) {
                noisy[j] = z[i][j] + sigmaN * noise[i * latent + j];
                p[i][j] = prior[i * latent + j];
            }
            double[] logits = ReferenceMlp.forward(decoder, noisy, 0);
            for (int q = 0; q < Canvas.PIXELS; q++) {
                double d = image[q] - 1 / (1 + Math.exp(-logits[q]));
                squares += d * d;
            }
        }
        double mmd = meanKernel(z, z, bandwidths) + meanKernel(p, p, bandwidths) - 2 * meanKernel(z, p, bandwidths);
        return terms(squares / ((double) rows * Canvas.PIXELS), lambda * mmd);
    }

    /**
     * {@code rows x width} standard normal values as TensorFlow's stateless generator draws them
     * for one stream of one training step: key (seed + stream x 1,000,000,007, step), the keying
     * {@link ModelGraph}'s documentation gives (randomness keyed by seed and step).
     */
    static float[] stepDraws(long seed, long stream, long step, int rows, int width) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> draws = tf.random.statelessRandomNormal(tf.constant(new int[] {rows, width}),
                    tf.constant(new long[] {seed + stream * 1_000_000_007L, step}));
            try (Session s = new Session(g); Result r = s.runner().fetch(draws).run()) {
                float[] values = new float[rows * width];
                ((TFloat32) r.get(0)).copyTo(DataBuffers.of(values, false, false));
                return values;
            }
        }
    }

    /** -[x log sigmoid(l) + (1 - x) log(1 - sigmoid(l))], with log sigmoid(t) = -log(1 + e^-t) kept finite for large |t|. */
    private static double crossEntropy(double logit, double target) {
        return -(target * logSigmoid(logit) + (1 - target) * logSigmoid(-logit));
    }

    private static double logSigmoid(double t) {
        return t >= 0 ? -Math.log1p(Math.exp(-t)) : t - Math.log1p(Math.exp(t));
    }

    private static double meanKernel(double[][] a, double[][] b, List<Double> bandwidths) {
        double sum = 0;
        for (double[] u : a) {
            for (double[] v : b) {
                double d2 = 0;
                for (int j = 0; j < u.length; j++) {
                    d2 += (u[j] - v[j]) * (u[j] - v[j]);
                }
                for (double s : bandwidths) {
                    sum += Math.exp(-d2 / (2 * s * s));
                }
            }
        }
        return sum / ((double) a.length * b.length);
    }

    private static Terms terms(double reconstruction, double regulariser) {
        return new Terms(reconstruction, regulariser, reconstruction + regulariser);
    }

    static float[] row(float[] values, int row, int width) {
        float[] out = new float[width];
        System.arraycopy(values, row * width, out, 0, width);
        return out;
    }
}
