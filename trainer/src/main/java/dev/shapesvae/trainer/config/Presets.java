package dev.shapesvae.trainer.config;

import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named starting configurations. {@code paper-vae} and {@code paper-ae} are the report's Table II
 * (SPEC section 2); {@code paper-ae-lr0.0003-e400} and {@code -e600} change only what their names say;
 * {@code quick-*} are small enough to fit in about a minute on 2 CPU cores and still draw
 * recognisable shapes.
 */
public final class Presets {
    private static final List<Double> BANDWIDTHS = List.of(0.5, 1.0, 3.0, 5.0);
    private static final Map<String, ModelConfig> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("paper-vae", new ModelConfig(ModelKind.VAE, 32,
                new Architecture(List.of(1000, 1000, 1000, 500), List.of(500, 1000, 1000, 1000), 0.1, false),
                new Hyperparameters(0.001, 512, 1000, 0.65, 0, List.of(), 1, 10)));
        PRESETS.put("paper-ae", new ModelConfig(ModelKind.AE, 10,
                new Architecture(List.of(2000, 2000, 2000), List.of(2000, 2000, 2000), 0.2, false),
                new Hyperparameters(0.001, 64, 200, 0.1, 0.2, BANDWIDTHS, 1, 5)));
        // The report's AE with a third of the learning rate and more epochs: at lr 0.001 the loss
        // stalls by epoch 100 in minibatch noise and samples stay blurred (coverage 34 %); at
        // 0.0003 it keeps falling, and 400 or 600 epochs beat the report's AE (docs/RESULTS.md).
        for (int epochs : new int[] {400, 600}) {
            PRESETS.put("paper-ae-lr0.0003-e" + epochs, withLearningRateAndEpochs(PRESETS.get("paper-ae"), 0.0003, epochs));
        }
        PRESETS.put("quick-vae", new ModelConfig(ModelKind.VAE, 16,
                new Architecture(List.of(512, 256), List.of(256, 512), 0.1, false),
                new Hyperparameters(0.001, 128, 150, 0.65, 0, List.of(), 1, 25)));
        PRESETS.put("quick-ae", new ModelConfig(ModelKind.AE, 10,
                new Architecture(List.of(512, 256), List.of(256, 512), 0.1, false),
                new Hyperparameters(0.001, 128, 150, 0.1, 0.2, BANDWIDTHS, 1, 25)));
    }

    private Presets() {
    }

    private static ModelConfig withLearningRateAndEpochs(ModelConfig base, double learningRate, int epochs) {
        Hyperparameters h = base.hyperparameters();
        return new ModelConfig(base.kind(), base.latentDim(), base.architecture(), new Hyperparameters(learningRate, h.batchSize(), epochs,
                h.regularisationWeight(), h.latentNoise(), h.mmdBandwidths(), h.seed(), h.validationEvery()));
    }

    /** The preset of that name. */
    public static ModelConfig get(String name) {
        ModelConfig config = PRESETS.get(name);
        if (config == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "' (choose one of " + String.join(", ", names()) + ")");
        }
        return config;
    }

    /** Every preset name. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }
}
