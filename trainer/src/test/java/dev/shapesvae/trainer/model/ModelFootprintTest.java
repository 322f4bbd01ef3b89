package dev.shapesvae.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.Precision;
import dev.shapesvae.trainer.config.Presets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelFootprintTest {
    private static final long GIB = 1L << 30;

    private static ModelConfig config(ModelKind kind, int latent, List<Integer> hidden, int batch, boolean layerNorm) {
        return new ModelConfig(kind, latent, new Architecture(hidden, hidden, 0.1, layerNorm),
                new Hyperparameters(0.001, batch, 1, 0.5, kind == ModelKind.AE ? 0.2 : 0, kind == ModelKind.AE ? List.of(1.0) : List.of(), 1, 1));
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void countsTheParametersTheGraphCreates(ModelKind kind) {
        ModelConfig config = config(kind, 5, List.of(24, 12), 16, true);
        float[] images = ShapesDataset.standard().pixels(new int[] {0, 1});
        try (ModelGraph graph = new ModelGraph(config, images, images)) {
            assertThat(ModelFootprint.of(config).parameters()).isEqualTo(graph.parameterCount());
        }
    }

    @Test
    void countsAHandWorkedVae() {
        // Encoder 784 -> 10 -> two heads of 2; decoder 2 -> 10 -> 784; weights plus biases.
        ModelFootprint footprint = ModelFootprint.of(config(ModelKind.VAE, 2, List.of(10), 3, false));
        assertThat(footprint.encoderParameters()).isEqualTo(784 * 10 + 10 + 2 * (10 * 2 + 2));
        assertThat(footprint.decoderParameters()).isEqualTo(2 * 10 + 10 + 10 * 784 + 784);
        // Four floats per parameter, and values and gradients of 784 + 10 + 2 + 2 + 10 + 784 outputs per example.
        long floats = 4 * footprint.parameters() + 2L * 3 * (784 + 10 + 2 + 2 + 10 + 784);
        assertThat(footprint.trainingBytes()).isEqualTo(4 * floats);
    }

    @Test
    void countsTheBfloat16CopiesOfAHandWorkedVae() {
        ModelConfig single = config(ModelKind.VAE, 2, List.of(10), 3, false);
        ModelConfig mixed = new ModelConfig(single.kind(), single.latentDim(), single.architecture(),
                single.hyperparameters().withPrecision(Precision.BF16));
        ModelFootprint footprint = ModelFootprint.of(mixed);
        assertThat(footprint.parameters()).isEqualTo(ModelFootprint.of(single).parameters());
        // 16 bytes of float32 per parameter and 4 of bfloat16 (its copy and its gradient); activations of 2 bytes.
        long activations = 2L * 3 * (784 + 10 + 2 + 2 + 10 + 784);
        assertThat(footprint.trainingBytes()).isEqualTo(20 * footprint.parameters() + 2 * activations);
    }

    @Test
    void everyPresetFitsInEightGibibytes() {
        for (String name : Presets.names()) {
            assertThatCode(() -> ModelFootprint.of(Presets.get(name)).requireFits(8 * GIB)).as(name).doesNotThrowAnyException();
        }
    }

    @Test
    void aHugeLatentIsRefusedByNameBeforeTensorFlow() {
        ModelConfig huge = config(ModelKind.VAE, 2_000_000_000, List.of(512, 256), 128, false);
        assertThatThrownBy(() -> ModelFootprint.of(huge).requireFits(16 * GIB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("latent dimension 2000000000 (--latent, latentDim) is too large: training would need at least ")
                .hasMessageEndingWith("and this machine has 16.0 GiB");
        // The graph refuses it too, before TensorFlow allocates anything.
        float[] images = ShapesDataset.standard().pixels(new int[] {0});
        assertThatThrownBy(() -> new ModelGraph(huge, images, images).close()).hasMessageContaining("latent dimension 2000000000");
    }

    @Test
    void sizesBeyondLongSaturateInsteadOfWrappingAround() {
        int max = Integer.MAX_VALUE;
        ModelFootprint footprint = ModelFootprint.of(config(ModelKind.AE, max, List.of(max, max, max), max, true));
        assertThat(footprint.parameters()).isEqualTo(Long.MAX_VALUE);
        assertThat(footprint.trainingBytes()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> footprint.requireFits(Long.MAX_VALUE - 1)).hasMessageContaining("at least 8.0 EiB");
    }

    @Test
    void theLargestSizeIsTheOneNamed() {
        assertThatThrownBy(() -> ModelFootprint.of(config(ModelKind.AE, 8, List.of(100_000, 64), 64, false)).requireFits(GIB))
                .hasMessageStartingWith("encoder hidden width 100000 (--encoder-hidden, architecture.encoderHidden) is too large");
        assertThatThrownBy(() -> ModelFootprint.of(config(ModelKind.AE, 8, List.of(64), 50_000_000, false)).requireFits(GIB))
                .hasMessageStartingWith("batch size 50000000 (--batch-size, hyperparameters.batchSize) is too large");
    }

    @Test
    void aNetworkTooLargeForAnOnnxFileIsRefusedEvenWithMemoryToSpare() {
        // Two heads of 1000 x 300,000: 600 million weights, 2.2 GiB, in the encoder.
        ModelConfig wide = config(ModelKind.VAE, 300_000, List.of(1000), 1, false);
        assertThatThrownBy(() -> ModelFootprint.of(wide).requireFits(Long.MAX_VALUE))
                .hasMessageStartingWith("latent dimension 300000 (--latent, latentDim) is too large: the encoder would have 601,385,000 parameters (2.2 GiB)")
                .hasMessageEndingWith("and an ONNX file holds at most 2 GiB");
    }
}
