package dev.shapesvae.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.onnx.MlpWeights;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.ReferenceMlp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real ONNX Runtime sessions over bundles written through the repository. */
class GenerativeModelTest {
    @TempDir
    Path root;

    private GenerativeModel model(ModelKind kind, int maxBatch) {
        ModelConfig config = Fixtures.config(kind, 3, false);
        ModelBundle bundle = Fixtures.writeBundle(new ModelRepository(root), kind.label(), config, 5);
        return GenerativeModel.load(bundle, new InferenceOptions(java.util.Optional.of(ExecutionProvider.CPU), 1, maxBatch));
    }

    @Test
    void samplingIsReproducibleForASeedAndScalesWithTemperature() {
        try (GenerativeModel model = model(ModelKind.VAE, 1024)) {
            FloatMatrix a = model.sampleLatents(100, 7, 1);
            assertThat(model.sampleLatents(100, 7, 1)).isEqualTo(a);
            assertThat(model.sampleLatents(100, 8, 1)).isNotEqualTo(a);
            FloatMatrix half = model.sampleLatents(100, 7, 0.5);
            assertThat(half.data()[17]).isCloseTo(a.data()[17] * 0.5f, within(1e-6f));
            double sumSq = 0;
            FloatMatrix many = model.sampleLatents(20000, 1, 1);
            for (float v : many.data()) {
                sumSq += v * v;
            }
            assertThat(sumSq / many.data().length).isCloseTo(1.0, within(0.02));
            Decoding samples = model.sample(5, 7, 1);
            assertThat(samples.probs().rows()).isEqualTo(5);
            assertThat(samples.probs().columns()).isEqualTo(Canvas.PIXELS);
            assertThat(model.sample(5, 7, 1).probs()).isEqualTo(samples.probs());
        }
    }

    @Test
    void decodeMatchesTheWeightsAndBatchingDoesNotChangeResults() {
        ModelConfig config = Fixtures.config(ModelKind.AE, 3, false);
        MlpWeights decoderWeights = Fixtures.networks(config, 5)[1];
        try (GenerativeModel small = model(ModelKind.AE, 7); GenerativeModel big = model(ModelKind.AE, 1024)) {
            FloatMatrix z = small.sampleLatents(50, 3, 1);
            Decoding chunked = small.decode(z);
            Decoding whole = big.decode(z);
            assertThat(chunked.logits()).isEqualTo(whole.logits());
            double[] expected = ReferenceMlp.forward(decoderWeights, z.row(42), 0);
            for (int j = 0; j < Canvas.PIXELS; j += 97) {
                assertThat((double) chunked.logits().data()[42 * Canvas.PIXELS + j]).isCloseTo(expected[j], within(1e-4));
            }
        }
    }

    @Test
    void encodeGivesMeanAndLogvarForAVaeAndZForAnAe() {
        FloatMatrix images = new FloatMatrix(3, Canvas.PIXELS, ShapesDataset.standard().pixels(new int[] {0, 1, 2}));
        try (GenerativeModel vae = model(ModelKind.VAE, 1024); GenerativeModel ae = model(ModelKind.AE, 1024)) {
            Encoding v = vae.encode(images);
            assertThat(v.z().columns()).isEqualTo(3);
            assertThat(v.logvar()).isPresent();
            Encoding a = ae.encode(images);
            assertThat(a.logvar()).isEmpty();
            // Reconstruction is decode(encode(x)).
            assertThat(ae.reconstruct(images).probs()).isEqualTo(ae.decode(a.z()).probs());
        }
    }

    @Test
    void traverseSetsOneDimension() {
        try (GenerativeModel model = model(ModelKind.AE, 1024)) {
            float[] base = {0.1f, 0.2f, 0.3f};
            Decoding t = model.traverse(base, 1, new double[] {-3, 0.2, 3});
            assertThat(t.probs().row(1)).isEqualTo(model.decode(new FloatMatrix(1, 3, base)).probs().row(0));
            assertThat(t.probs().row(0)).isNotEqualTo(t.probs().row(2));
            assertThatThrownBy(() -> model.traverse(base, 3, new double[] {0})).hasMessageContaining("dim must be in 0..2");
        }
    }

    @Test
    void rejectsWrongWidthsAndCounts() {
        try (GenerativeModel model = model(ModelKind.VAE, 1024)) {
            assertThatThrownBy(() -> model.decode(new FloatMatrix(1, 4, new float[4]))).hasMessage("latent rows must have 3 values, got 4");
            assertThatThrownBy(() -> model.encode(new FloatMatrix(1, 10, new float[10]))).hasMessage("image rows must have 784 values, got 10");
            assertThatThrownBy(() -> model.sampleLatents(0, 1, 1)).hasMessage("count must be positive, got 0");
            assertThatThrownBy(() -> model.sampleLatents(1, 1, Double.NaN)).hasMessageContaining("temperature");
        }
    }
}
