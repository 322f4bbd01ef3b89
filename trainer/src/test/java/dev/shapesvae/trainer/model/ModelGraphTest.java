package dev.shapesvae.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.export.MlpWeights;
import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.LossValues;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.Precision;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.ReferenceMlp;
import dev.shapesvae.trainer.bench.StepProfile;
import dev.shapesvae.trainer.export.TrainedWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ModelGraphTest {
    private static final ShapesDataset DATASET = ShapesDataset.standard();
    private static final float[] TRAIN = DATASET.pixels(IntStream.range(0, 256).map(i -> i * 29).toArray());
    private static final float[] VALID = DATASET.pixels(IntStream.range(0, 64).map(i -> i * 31 + 5).toArray());

    private static int[] batch(long step) {
        return IntStream.range(0, 64).map(i -> (int) ((i * 4 + step * 64) % 256)).toArray();
    }

    private static ModelConfig config(ModelKind kind, boolean layerNorm, Precision precision) {
        ModelConfig config = Fixtures.config(kind, 4, layerNorm);
        return new ModelConfig(kind, 4, config.architecture(), config.hyperparameters().withPrecision(precision));
    }

    @ParameterizedTest
    @CsvSource({"VAE, FP32", "AE, FP32", "VAE, BF16", "AE, BF16"})
    void lossFallsOverAFewSteps(ModelKind kind, Precision precision) {
        try (ModelGraph model = new ModelGraph(config(kind, false, precision), TRAIN, VALID)) {
            double before = model.validationLoss(IntStream.range(0, 64).toArray()).total();
            for (int step = 1; step <= 60; step++) {
                model.trainStep(batch(step), step);
            }
            double after = model.validationLoss(IntStream.range(0, 64).toArray()).total();
            assertThat(after).isLessThan(before * 0.8);
        }
    }

    /**
     * Evaluation mode (SPEC section 2) has no dropout and no latent noise: encode and decode are the
     * plain forward passes of the weights, which the reference MLP computes separately. Dropout 0.9
     * would zero nine units in ten, so a mask left on the evaluation path cannot hide, even one with
     * a fixed seed that gives the same outputs twice. A model trained in bf16 is evaluated in
     * float32 all the same, to the reference's float32 tolerance: it is exported from there.
     */
    @ParameterizedTest
    @CsvSource({"VAE, FP32", "AE, FP32", "VAE, BF16", "AE, BF16"})
    void evaluationModeHasNoDropoutOrNoise(ModelKind kind, Precision precision) {
        ModelConfig small = config(kind, false, precision);
        ModelConfig config = new ModelConfig(kind, 4, new Architecture(List.of(16), List.of(16), 0.9, false), small.hyperparameters());
        try (ModelGraph model = new ModelGraph(config, TRAIN, VALID)) {
            for (int step = 1; step <= 3; step++) {
                model.trainStep(batch(step), step);
            }
            MlpWeights encoder = TrainedWeights.encoder(model);
            MlpWeights decoder = TrainedWeights.decoder(model);
            int[] rows = {10, 20, 3000};
            float[] images = DATASET.pixels(rows);
            List<float[]> encoded = model.encode(images, rows.length);
            assertThat(encoded).hasSize(kind.encoderOutputs().size());
            for (int head = 0; head < encoded.size(); head++) {
                for (int i = 0; i < rows.length; i++) {
                    double[] expected = ReferenceMlp.forward(encoder, ReferenceLoss.row(images, i, Canvas.PIXELS), head);
                    ReferenceMlp.assertAgrees(ReferenceLoss.row(encoded.get(head), i, 4), expected, kind.encoderOutputs().get(head));
                }
            }
            float[] z = {0.1f, -0.2f, 0.3f, 1f, 2f, 0, -1.5f, 0.5f};
            List<float[]> decoded = model.decode(z, 2);
            for (int i = 0; i < 2; i++) {
                double[] logits = ReferenceMlp.forward(decoder, ReferenceLoss.row(z, i, 4), 0);
                double[] probs = new double[logits.length];
                for (int p = 0; p < logits.length; p++) {
                    probs[p] = 1 / (1 + Math.exp(-logits[p]));
                }
                ReferenceMlp.assertAgrees(ReferenceLoss.row(decoded.get(0), i, Canvas.PIXELS), logits, "logits");
                ReferenceMlp.assertAgrees(ReferenceLoss.row(decoded.get(1), i, Canvas.PIXELS), probs, "probs");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void theValidationLossHasFixedNoise(ModelKind kind) {
        try (ModelGraph model = new ModelGraph(Fixtures.config(kind, 4, false), TRAIN, VALID)) {
            model.trainStep(batch(1), 1);
            int[] rows = {0, 1, 2, 3};
            assertThat(model.validationLoss(rows)).isEqualTo(model.validationLoss(rows));
        }
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void dropoutAndNoiseChangeWithTheStep(ModelKind kind) {
        try (ModelGraph a = new ModelGraph(Fixtures.config(kind, 4, false), TRAIN, VALID);
             ModelGraph b = new ModelGraph(Fixtures.config(kind, 4, false), TRAIN, VALID)) {
            // Same weights, same batch, different step: different masks and noise, so a different loss.
            LossValues first = a.trainStep(batch(1), 1);
            LossValues second = b.trainStep(batch(1), 2);
            assertThat(first.total()).isNotEqualTo(second.total());
        }
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void aSeedDeterminesEveryWeight(ModelKind kind) {
        float[][] initial = new float[3][];
        float[][] trained = new float[3][];
        for (int run = 0; run < 3; run++) {
            ModelConfig config = Fixtures.config(kind, 4, true);
            // The third run's seed is another.
            Hyperparameters hp = config.hyperparameters();
            ModelConfig seeded = run < 2 ? config : new ModelConfig(kind, 4, config.architecture(), new Hyperparameters(hp.learningRate(),
                    hp.batchSize(), hp.epochs(), hp.regularisationWeight(), hp.latentNoise(), hp.mmdBandwidths(), hp.seed() + 1, hp.validationEvery()));
            try (ModelGraph model = new ModelGraph(seeded, TRAIN, VALID)) {
                initial[run] = TrainedWeights.encoder(model).hidden().get(0).dense().weights();
                for (int step = 1; step <= 10; step++) {
                    model.trainStep(batch(step), step);
                }
                trained[run] = TrainedWeights.decoder(model).heads().get(0).weights();
            }
        }
        assertThat(trained[1]).isEqualTo(trained[0]);
        // Another seed: other initial weights, not only other dropout masks and noise.
        assertThat(initial[1]).isEqualTo(initial[0]);
        assertThat(initial[2]).isNotEqualTo(initial[0]);
        assertThat(trained[2]).isNotEqualTo(trained[0]);
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void aProfiledStepTrainsLikeAPlainOneAndSaysWhereTheTimeWent(ModelKind kind) {
        ModelConfig config = Fixtures.config(kind, 4, false);
        try (ModelGraph plain = new ModelGraph(config, TRAIN, VALID);
             ModelGraph traced = new ModelGraph(config, TRAIN, VALID)) {
            StepProfile profile = StepProfile.empty();
            for (int step = 1; step <= 3; step++) {
                plain.trainStep(batch(step), step);
                profile = profile.plus(StepProfile.of(traced.tracedTrainStep(batch(step), step)));
            }
            assertThat(TrainedWeights.decoder(traced).heads().get(0).weights()).isEqualTo(TrainedWeights.decoder(plain).heads().get(0).weights());
            assertThat(profile.steps()).isEqualTo(3);
            assertThat(profile.microsByOpType()).containsKey("ApplyAdam float32");
            assertThat(profile.microsByOpType().keySet()).anyMatch(type -> type.contains("MatMul"));
            assertThat(profile.microsByOpType().keySet()).noneMatch(type -> type.endsWith(" bfloat16"));
            assertThat(profile.totalMicros()).isPositive();
        }
    }

    /**
     * In bf16 the products of both networks, forward and backward, run as bfloat16 kernels (on
     * this machine's oneDNN, {@code _MklMatMul} and {@code _MklNativeFusedMatMul} with the bias
     * add fused), ReLUs and dropout too, while Adam updates the float32 weights. The only float32
     * product left is the AE's MMD, a [batch, batch] matrix of latent distances that belongs to the
     * loss; the VAE has none; casts join the two types. Only the op types are checked: how long
     * each took depends on the machine's load.
     */
    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void aBf16StepRunsItsProductsAsBfloat16KernelsAndAdamInFloat32(ModelKind kind) {
        ModelConfig small = config(kind, false, Precision.BF16);
        ModelConfig wide = new ModelConfig(kind, 4, new Architecture(List.of(256, 256), List.of(256, 256), 0.1, false), small.hyperparameters());
        try (ModelGraph model = new ModelGraph(wide, TRAIN, VALID)) {
            // The first runs of a kernel include oneDNN's compiling it.
            for (int step = 1; step <= 3; step++) {
                model.trainStep(batch(step), step);
            }
            StepProfile profile = StepProfile.empty();
            for (int step = 4; step <= 6; step++) {
                profile = profile.plus(StepProfile.of(model.tracedTrainStep(batch(step), step)));
            }
            Map<String, Long> micros = profile.microsByOpType();
            assertThat(micros).containsKeys("ApplyAdam float32", "Relu bfloat16", "ReluGrad bfloat16", "SelectV2 bfloat16")
                    .doesNotContainKeys("ApplyAdam bfloat16", "Relu float32");
            assertThat(micros.keySet()).anyMatch(type -> type.contains("MatMul") && type.endsWith(" bfloat16"))
                    .anyMatch(type -> type.startsWith("Cast "));
            if (kind == ModelKind.VAE) {
                assertThat(micros.keySet()).noneMatch(type -> type.contains("MatMul") && type.endsWith(" float32"));
            } else {
                assertThat(micros.keySet()).anyMatch(type -> type.contains("MatMul") && type.endsWith(" float32"));
            }
        }
    }

    /**
     * Each stage's Adam update starts as soon as the backward pass no longer reads its weights; a
     * wrong dependency would let an update race a later gradient. Deep and wide enough that the
     * overlapping ops take real time, and every weight compared.
     *
     * <p>What this can and cannot catch: it compares two runs, so it sees a race only when the race
     * goes differently in the two. A race that resolves the same way every time passes (so does
     * any race on a one-core machine, where TensorFlow runs one op at a time). The order itself is
     * stated by the control dependencies in {@code ModelGraph.buildAdam}; GradientCheckTest checks
     * that a step's update follows the gradient of the SPEC's loss.
     */
    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void updatesNeverRaceTheBackwardPass(ModelKind kind) {
        ModelConfig small = Fixtures.config(kind, 4, false);
        ModelConfig deep = new ModelConfig(kind, 4, new Architecture(List.of(384, 384, 384), List.of(384, 384, 384), 0.1, true),
                small.hyperparameters());
        List<List<float[]>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (ModelGraph model = new ModelGraph(deep, TRAIN, VALID)) {
                for (int step = 1; step <= 8; step++) {
                    model.trainStep(batch(step), step);
                }
                List<float[]> all = new ArrayList<>();
                for (MlpWeights weights : List.of(TrainedWeights.encoder(model), TrainedWeights.decoder(model))) {
                    weights.hidden().forEach(h -> {
                        all.add(h.dense().weights());
                        all.add(h.dense().bias());
                    });
                    weights.heads().forEach(d -> {
                        all.add(d.weights());
                        all.add(d.bias());
                    });
                }
                runs.add(all);
            }
        }
        assertThat(runs.get(1)).hasSameSizeAs(runs.get(0));
        for (int i = 0; i < runs.get(0).size(); i++) {
            assertThat(runs.get(1).get(i)).as("weights %d", i).isEqualTo(runs.get(0).get(i));
        }
    }
}
