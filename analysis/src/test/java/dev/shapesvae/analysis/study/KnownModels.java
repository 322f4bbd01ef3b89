package dev.shapesvae.analysis.study;

import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.export.DenseLayer;
import dev.shapesvae.export.HiddenLayer;
import dev.shapesvae.export.MlpWeights;
import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Models whose every output is known without running them, for checking measured numbers: a
 * decoder that draws one dataset image whatever z is, and an encoder that counts pixels.
 */
public final class KnownModels {
    /** The one-image decoder's logit magnitude: sigmoid(20) = 1 - 2e-9, so its images are the target to within 1e-7. */
    public static final float LOGIT = 20f;
    /** The AE's sigma_n in the manifest, away from every preset's 0.2. */
    public static final double SIGMA_N = 0.7;
    private static final int HIDDEN = 16;
    private static final int LATENT = 2;

    private KnownModels() {
    }

    /** Latent 2, hidden widths 16. */
    public static ModelConfig config(ModelKind kind) {
        boolean ae = kind == ModelKind.AE;
        return new ModelConfig(kind, LATENT, new Architecture(List.of(HIDDEN), List.of(HIDDEN), 0.1, false),
                new Hyperparameters(0.001, 32, 1, ae ? 0.1 : 0.65, ae ? SIGMA_N : 0, ae ? List.of(0.5, 1.0, 3.0, 5.0) : List.of(), 7, 1));
    }

    /**
     * Writes a model whose decoder draws {@code target} and whose encoder gives {@link #code}
     * with {@code scale}, as the next version of {@code name}.
     */
    public static ModelBundle write(ModelRepository repository, String name, ModelKind kind, BinaryImage target, double scale) {
        return Fixtures.writeBundle(repository, name, config(kind), countingEncoder(kind, scale), oneImageDecoder(target));
    }

    /**
     * The code the counting encoder gives an image, worked out from its pixels: {@code scale} x its
     * on pixels, and {@code scale} x its on pixels in rows 0 to 13. A VAE's logvar is 0.
     */
    public static double[] code(BinaryImage image, double scale) {
        int all = 0;
        int top = 0;
        for (int r = 0; r < Canvas.SIDE; r++) {
            for (int c = 0; c < Canvas.SIDE; c++) {
                if (image.isOn(r, c)) {
                    all++;
                    top += r < Canvas.SIDE / 2 ? 1 : 0;
                }
            }
        }
        return new double[] {scale * all, scale * top};
    }

    /** Hidden unit 0 sums every pixel, unit 1 the top half's, the rest are 0; the first head scales them, a second (logvar) is 0. */
    private static MlpWeights countingEncoder(ModelKind kind, double scale) {
        float[] sums = new float[Canvas.PIXELS * HIDDEN];
        for (int p = 0; p < Canvas.PIXELS; p++) {
            sums[p * HIDDEN] = 1;
            sums[p * HIDDEN + 1] = p / Canvas.SIDE < Canvas.SIDE / 2 ? 1 : 0;
        }
        float[] scaled = new float[HIDDEN * LATENT];
        scaled[0] = (float) scale;
        scaled[LATENT + 1] = (float) scale;
        List<DenseLayer> heads = new ArrayList<>(List.of(new DenseLayer(HIDDEN, LATENT, scaled, new float[LATENT])));
        if (kind == ModelKind.VAE) {
            heads.add(new DenseLayer(HIDDEN, LATENT, new float[HIDDEN * LATENT], new float[LATENT]));
        }
        return new MlpWeights(List.of(new HiddenLayer(new DenseLayer(Canvas.PIXELS, HIDDEN, sums, new float[HIDDEN]), Optional.empty())), heads);
    }

    /** Every hidden unit 0, so the logits are the head's bias: +20 on the target's pixels, -20 elsewhere. */
    private static MlpWeights oneImageDecoder(BinaryImage target) {
        float[] logits = new float[Canvas.PIXELS];
        for (int p = 0; p < Canvas.PIXELS; p++) {
            logits[p] = target.isOn(p) ? LOGIT : -LOGIT;
        }
        return new MlpWeights(List.of(new HiddenLayer(new DenseLayer(LATENT, HIDDEN, new float[LATENT * HIDDEN], new float[HIDDEN]), Optional.empty())),
                List.of(new DenseLayer(HIDDEN, Canvas.PIXELS, new float[HIDDEN * Canvas.PIXELS], logits)));
    }
}
