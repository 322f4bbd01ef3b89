package dev.shapesvae.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.export.DenseLayer;
import dev.shapesvae.export.HiddenLayer;
import dev.shapesvae.export.MlpWeights;
import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.LossValues;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.Precision;
import dev.shapesvae.trainer.export.TrainedWeights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real training graph, {@link ModelGraph}, against the loss of SPEC section 2 written out
 * separately ({@link ReferenceLoss}): the loss a step reports (the reparameterisation
 * z = mu + exp(logvar / 2) eps that the report got wrong, the KL term, beta, the AE's noise
 * sigma_n, lambda and the MMD bandwidths), and the direction in which the step moves each weight.
 */
class GradientCheckTest {
    private static final ShapesDataset DATASET = ShapesDataset.standard();
    private static final int[] TRAIN_ENTRIES = IntStream.range(0, 64).map(i -> i * 120).toArray();
    private static final float[] TRAIN = DATASET.pixels(TRAIN_ENTRIES);
    private static final float[] VALID = DATASET.pixels(new int[] {1, 2});
    /** Training rows of the minibatch. */
    private static final int[] BATCH = IntStream.range(0, 12).map(i -> i * 5).toArray();
    private static final int LATENT = 3;
    private static final double LEARNING_RATE = 0.001;

    /**
     * No dropout, so a step's loss depends on the weights and its Gaussian draws alone; beta,
     * lambda, sigma_n and the bandwidths away from every preset's values, so a default used in
     * their place shows.
     */
    private static ModelConfig config(ModelKind kind) {
        boolean vae = kind == ModelKind.VAE;
        return new ModelConfig(kind, LATENT, new Architecture(List.of(16), List.of(16), 0, false),
                new Hyperparameters(LEARNING_RATE, BATCH.length, 1, vae ? 0.4 : 0.3, vae ? 0 : 0.45, vae ? List.of() : List.of(0.7, 2.0), 11, 1));
    }

    private static ModelConfig inBfloat16(ModelConfig config) {
        return new ModelConfig(config.kind(), config.latentDim(), config.architecture(), config.hyperparameters().withPrecision(Precision.BF16));
    }

    private static float[] batchImages() {
        return DATASET.pixels(IntStream.of(BATCH).map(i -> TRAIN_ENTRIES[i]).toArray());
    }

    /** The reference loss of the minibatch on the given weights, with the draws of training step {@code step}. */
    private static ReferenceLoss.Terms reference(ModelConfig config, MlpWeights encoder, MlpWeights decoder, long step) {
        Hyperparameters hp = config.hyperparameters();
        float[] noise = ReferenceLoss.stepDraws(hp.seed(), ReferenceLoss.NOISE_STREAM, step, BATCH.length, LATENT);
        if (config.kind() == ModelKind.VAE) {
            return ReferenceLoss.vae(encoder, decoder, batchImages(), noise, hp.regularisationWeight());
        }
        float[] prior = ReferenceLoss.stepDraws(hp.seed(), ReferenceLoss.PRIOR_STREAM, step, BATCH.length, LATENT);
        return ReferenceLoss.ae(encoder, decoder, batchImages(), noise, prior, hp.latentNoise(), hp.regularisationWeight(), hp.mmdBandwidths());
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void theLossOfATrainingStepIsTheSpecsLoss(ModelKind kind) {
        ModelConfig config = config(kind);
        try (ModelGraph model = new ModelGraph(config, TRAIN, VALID)) {
            // One step first, so the weights are no longer the initial ones.
            model.trainStep(BATCH, 1);
            MlpWeights encoder = TrainedWeights.encoder(model);
            MlpWeights decoder = TrainedWeights.decoder(model);

            LossValues actual = model.trainStep(BATCH, 2);

            ReferenceLoss.Terms expected = reference(config, encoder, decoder, 2);
            // float32 in TensorFlow against double here: sums of a few thousand terms agree to about 1e-6 relative.
            assertThat(actual.reconstruction()).as("reconstruction").isCloseTo(expected.reconstruction(), within(1e-4 * expected.reconstruction()));
            assertThat(actual.regulariser()).as("regulariser").isCloseTo(expected.regulariser(), within(1e-4 * expected.regulariser()));
            assertThat(actual.total()).as("total").isCloseTo(expected.total(), within(1e-4 * expected.total()));
        }
    }

    /**
     * A bf16 step's loss on the same weights and batch as a float32 step's (the float32 graph's
     * checkpoint restored into the bf16 graph, after a float32 step so that the weights are no
     * longer the initial ones), and both against the double reference. bfloat16 keeps 8
     * significant bits, so it rounds every input of a product and every activation by up to
     * 2^-9 = 0.2 %; summed over 784 pixels and averaged over the batch, these errors mostly cancel
     * in the reconstruction term (measured: 2e-4 of it at most), while the regulariser, a small
     * sum over a few latent values computed from rounded heads, keeps more of them (0.6 % at most).
     * Tolerances: 0.1 % for the reconstruction and the total, 2 % for the regulariser.
     */
    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void aBfloat16StepsLossIsTheFloat32StepsLossWithinBfloat16Rounding(ModelKind kind, @TempDir Path dir) {
        ModelConfig config = config(kind);
        try (ModelGraph float32 = new ModelGraph(config, TRAIN, VALID);
             ModelGraph bfloat16 = new ModelGraph(inBfloat16(config), TRAIN, VALID)) {
            float32.trainStep(BATCH, 1);
            float32.save(dir.resolve("weights"));
            bfloat16.restore(dir.resolve("weights"));
            ReferenceLoss.Terms expected = reference(config, TrainedWeights.encoder(bfloat16), TrainedWeights.decoder(bfloat16), 2);

            LossValues single = float32.trainStep(BATCH, 2);
            LossValues mixed = bfloat16.trainStep(BATCH, 2);

            for (LossValues actual : List.of(single, mixed)) {
                assertThat(actual.reconstruction()).as("reconstruction").isCloseTo(expected.reconstruction(), within(1e-3 * expected.reconstruction()));
                assertThat(actual.regulariser()).as("regulariser").isCloseTo(expected.regulariser(), within(2e-2 * expected.regulariser()));
                assertThat(actual.total()).as("total").isCloseTo(expected.total(), within(1e-3 * expected.total()));
            }
            assertThat(mixed.reconstruction()).as("bf16 against float32").isCloseTo(single.reconstruction(), within(1e-3 * single.reconstruction()));
            assertThat(mixed.regulariser()).isCloseTo(single.regulariser(), within(2e-2 * single.regulariser()));
            // Not the float32 graph by another name: bfloat16 rounding moves the loss.
            assertThat(mixed.total()).isNotEqualTo(single.total());
        }
    }

    /**
     * At step 1 Adam's bias corrections cancel and it moves each weight by -lr g / (|g| + 3.2e-7):
     * lr against the sign of its gradient g, wherever |g| is well above that. So the first update
     * shows the sign of every gradient TensorFlow derived from the real graph, and each must be the
     * sign of the reference loss's central finite difference. In bf16 the gradients come back to
     * the float32 weights through the casts, rounded to 8 significant bits, which moves none of
     * these signs.
     */
    @ParameterizedTest
    @CsvSource({"VAE, FP32", "AE, FP32", "VAE, BF16", "AE, BF16"})
    void theFirstUpdateMovesEachWeightAgainstTheGradientOfTheSpecsLoss(ModelKind kind, Precision precision) {
        ModelConfig config = precision == Precision.BF16 ? inBfloat16(config(kind)) : config(kind);
        try (ModelGraph model = new ModelGraph(config, TRAIN, VALID)) {
            MlpWeights encoder = TrainedWeights.encoder(model);
            MlpWeights decoder = TrainedWeights.decoder(model);
            model.trainStep(BATCH, 1);
            List<float[]> encoderAfter = layers(TrainedWeights.encoder(model));
            List<float[]> decoderAfter = layers(TrainedWeights.decoder(model));

            int checked = 0;
            for (boolean ofEncoder : new boolean[] {true, false}) {
                MlpWeights network = ofEncoder ? encoder : decoder;
                List<float[]> before = layers(network);
                List<float[]> after = ofEncoder ? encoderAfter : decoderAfter;
                for (int layer = 0; layer < before.size(); layer++) {
                    int checkedInLayer = 0;
                    for (int index : candidates(before.get(layer).length, ofEncoder && layer == 0)) {
                        double gradient = finiteDifference(config, encoder, decoder, ofEncoder, layer, index);
                        // Flat directions, and ReLU kinks within the difference step, say nothing about the sign.
                        if (Math.abs(gradient) < 1e-5) {
                            continue;
                        }
                        double moved = after.get(layer)[index] - before.get(layer)[index];
                        assertThat(moved).as("%s layer %d weight %d: d loss / d w = %.5f", ofEncoder ? "encoder" : "decoder", layer, index, gradient)
                                .isCloseTo(-Math.signum(gradient) * LEARNING_RATE, within(0.05 * LEARNING_RATE));
                        checkedInLayer++;
                    }
                    assertThat(checkedInLayer).as("weights checked in %s layer %d", ofEncoder ? "encoder" : "decoder", layer).isGreaterThan(5);
                    checked += checkedInLayer;
                }
            }
            assertThat(checked).isGreaterThan(100);
        }
    }

    /**
     * Weight indices to check in a layer: spread over the whole layer, or, in the encoder's first
     * layer, the weights of pixels that are on in the first image of the batch (the others have
     * no gradient).
     */
    private static List<Integer> candidates(int size, boolean encoderInput) {
        List<Integer> indices = new ArrayList<>();
        if (encoderInput) {
            float[] image = ReferenceLoss.row(batchImages(), 0, Canvas.PIXELS);
            int width = size / Canvas.PIXELS;
            for (int p = 0; p < Canvas.PIXELS; p += 7) {
                if (image[p] > 0) {
                    for (int unit = 0; unit < width; unit += 3) {
                        indices.add(p * width + unit);
                    }
                }
            }
            return indices;
        }
        int stride = Math.max(1, size / 60);
        for (int i = 0; i < size; i += stride) {
            indices.add(i);
        }
        return indices;
    }

    /** The central difference of the reference loss in one weight: layers are the hidden layers, then the heads. */
    private static double finiteDifference(ModelConfig config, MlpWeights encoder, MlpWeights decoder, boolean ofEncoder, int layer, int index) {
        MlpWeights network = ofEncoder ? encoder : decoder;
        float w = layers(network).get(layer)[index];
        float up = w + 1e-4f;
        float down = w - 1e-4f;
        MlpWeights plus = withWeight(network, layer, index, up);
        MlpWeights minus = withWeight(network, layer, index, down);
        double lossUp = ofEncoder ? reference(config, plus, decoder, 1).total() : reference(config, encoder, plus, 1).total();
        double lossDown = ofEncoder ? reference(config, minus, decoder, 1).total() : reference(config, encoder, minus, 1).total();
        return (lossUp - lossDown) / ((double) up - down);
    }

    private static List<float[]> layers(MlpWeights network) {
        List<float[]> weights = new ArrayList<>();
        network.hidden().forEach(h -> weights.add(h.dense().weights()));
        network.heads().forEach(d -> weights.add(d.weights()));
        return weights;
    }

    private static MlpWeights withWeight(MlpWeights network, int layer, int index, float value) {
        List<HiddenLayer> hidden = new ArrayList<>(network.hidden());
        List<DenseLayer> heads = new ArrayList<>(network.heads());
        if (layer < hidden.size()) {
            HiddenLayer h = hidden.get(layer);
            hidden.set(layer, new HiddenLayer(changed(h.dense(), index, value), h.norm()));
        } else {
            heads.set(layer - hidden.size(), changed(heads.get(layer - hidden.size()), index, value));
        }
        return new MlpWeights(hidden, heads);
    }

    private static DenseLayer changed(DenseLayer layer, int index, float value) {
        float[] weights = layer.weights();
        weights[index] = value;
        return new DenseLayer(layer.inputs(), layer.outputs(), weights, layer.bias());
    }
}
