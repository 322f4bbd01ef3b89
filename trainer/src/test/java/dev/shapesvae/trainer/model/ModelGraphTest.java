package dev.shapesvae.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.onnx.MlpWeights;
import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.LossValues;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelGraphTest {
    private static final ShapesDataset DATASET = ShapesDataset.standard();
    private static final float[] TRAIN = DATASET.pixels(IntStream.range(0, 256).map(i -> i * 29).toArray());
    private static final float[] VALID = DATASET.pixels(IntStream.range(0, 64).map(i -> i * 31 + 5).toArray());

    private static int[] batch(long step) {
        return IntStream.range(0, 64).map(i -> (int) ((i * 4 + step * 64) % 256)).toArray();
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void lossFallsOverAFewSteps(ModelKind kind) {
        try (ModelGraph model = new ModelGraph(Fixtures.config(kind, 4, false), TRAIN, VALID)) {
            double before = model.validationLoss(IntStream.range(0, 64).toArray()).total();
            for (int step = 1; step <= 60; step++) {
                model.trainStep(batch(step), step);
            }
            double after = model.validationLoss(IntStream.range(0, 64).toArray()).total();
            assertThat(after).isLessThan(before * 0.8);
        }
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void evaluationModeHasNoDropoutOrNoise(ModelKind kind) {
        ModelConfig config = Fixtures.config(kind, 4, false);
        try (ModelGraph model = new ModelGraph(config, TRAIN, VALID)) {
            model.trainStep(batch(1), 1);
            float[] images = DATASET.pixels(new int[] {10, 20});
            assertThat(model.encode(images, 2).get(0)).isEqualTo(model.encode(images, 2).get(0));
            float[] z = {0.1f, -0.2f, 0.3f, 1f, 0, 0, 0, 0};
            assertThat(model.decode(z, 2).get(1)).isEqualTo(model.decode(z, 2).get(1));
            // The validation loss is evaluation mode with fixed noise: the same twice.
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
        float[][] runs = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (ModelGraph model = new ModelGraph(Fixtures.config(kind, 4, true), TRAIN, VALID)) {
                for (int step = 1; step <= 10; step++) {
                    model.trainStep(batch(step), step);
                }
                runs[run] = model.decoderWeights().heads().get(0).weights();
            }
        }
        assertThat(runs[1]).isEqualTo(runs[0]);
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
                profile = profile.plus(traced.profiledTrainStep(batch(step), step));
            }
            assertThat(traced.decoderWeights().heads().get(0).weights()).isEqualTo(plain.decoderWeights().heads().get(0).weights());
            assertThat(profile.steps()).isEqualTo(3);
            assertThat(profile.microsByOpType()).containsKey("ApplyAdam");
            assertThat(profile.microsByOpType().keySet()).anyMatch(type -> type.contains("MatMul"));
            assertThat(profile.totalMicros()).isPositive();
        }
    }

    /**
     * Each stage's Adam update starts as soon as the backward pass no longer reads its weights; a
     * wrong dependency would let an update race a later gradient, and two runs would differ.
     * Deep and wide enough that the overlapping ops take real time, and every weight compared.
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
                for (MlpWeights weights : List.of(model.encoderWeights(), model.decoderWeights())) {
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
