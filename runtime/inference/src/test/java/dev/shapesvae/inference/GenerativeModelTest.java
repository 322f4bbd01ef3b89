package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.export.MlpWeights;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.ReferenceMlp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    /**
     * Batches of 7 rows and one of 50 run different ONNX Runtime matrix kernels, whose sums may round
     * differently on another CPU: equal to 1e-5, relative for values above 1 (the float32 results
     * differ in the last bits, if at all).
     */
    private static void assertSameUpToRounding(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("value %d", i).isCloseTo(expected[i], within(1e-5f * Math.max(1, Math.abs(expected[i]))));
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
            assertSameUpToRounding(chunked.logits().data(), whole.logits().data());
            ReferenceMlp.assertAgrees(chunked.logits().row(42), ReferenceMlp.forward(decoderWeights, z.row(42), 0), "logits of row 42");
        }
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void encodeAndReconstructAreTheForwardPassesOfTheWeights(ModelKind kind) {
        MlpWeights[] weights = Fixtures.networks(Fixtures.config(kind, 3, false), 5);
        int[] entries = {0, 1, 2, 4000};
        FloatMatrix images = new FloatMatrix(entries.length, Canvas.PIXELS, ShapesDataset.standard().pixels(entries));
        try (GenerativeModel model = model(kind, 1024)) {
            Encoding encoded = model.encode(images);
            Decoding reconstructed = model.reconstruct(images);
            for (int i = 0; i < entries.length; i++) {
                double[] z = ReferenceMlp.forward(weights[0], images.row(i), 0);
                ReferenceMlp.assertAgrees(encoded.z().row(i), z, kind == ModelKind.VAE ? "mean" : "z");
                if (kind == ModelKind.VAE) {
                    ReferenceMlp.assertAgrees(encoded.logvar().orElseThrow().row(i), ReferenceMlp.forward(weights[0], images.row(i), 1), "logvar");
                }
                // Reconstruction decodes the code itself: the VAE's mean, never a sample of q(z | x).
                double[] logits = ReferenceMlp.forward(weights[1], z, 0);
                ReferenceMlp.assertAgrees(reconstructed.logits().row(i), logits, "reconstruction logits");
                for (int p = 0; p < Canvas.PIXELS; p += 13) {
                    assertThat((double) reconstructed.probs().row(i)[p]).isCloseTo(1 / (1 + Math.exp(-logits[p])), within(1e-5));
                }
            }
        }
    }

    @Test
    void aVaeHasALogvarAndAnAeHasNone() {
        FloatMatrix images = new FloatMatrix(3, Canvas.PIXELS, ShapesDataset.standard().pixels(new int[] {0, 1, 2}));
        try (GenerativeModel vae = model(ModelKind.VAE, 1024); GenerativeModel ae = model(ModelKind.AE, 1024)) {
            assertThat(vae.encode(images).logvar()).hasValueSatisfying(l -> assertThat(l.columns()).isEqualTo(3));
            assertThat(ae.encode(images).logvar()).isEmpty();
        }
    }

    @Test
    void traverseSetsOneDimension() {
        try (GenerativeModel model = model(ModelKind.AE, 1024)) {
            float[] base = {0.1f, 0.2f, 0.3f};
            Decoding t = model.traverse(base, 1, new double[] {-3, 0.2, 3});
            float[] middle = {0.1f, 0.2f, 0.3f};
            // A batch of 3 against a batch of 1: equal up to rounding.
            assertSameUpToRounding(t.probs().row(1), model.decode(new FloatMatrix(1, 3, middle)).probs().row(0));
            float[] high = {0.1f, 3f, 0.3f};
            assertSameUpToRounding(t.probs().row(2), model.decode(new FloatMatrix(1, 3, high)).probs().row(0));
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
