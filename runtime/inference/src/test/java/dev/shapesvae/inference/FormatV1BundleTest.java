package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shapesvae.dataset.Shape;
import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.DatasetInfo;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.LossValues;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelManifest;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.OnnxInfo;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Format drift guard: a bundle of format version 1, written once by the code of {@code e488f17} and
 * stored under {@code src/test/resources/bundles/format-v1} (see the README there), still opens
 * through the public API and still computes what it computed then. The numbers below were printed
 * by that code when the bundle was written; a change to the manifest reader, the bundle verifier or
 * the ONNX contract that breaks old bundles fails here. Never regenerate the bundle to make this pass.
 */
class FormatV1BundleTest {
    private static final InferenceOptions CPU = InferenceOptions.cpu();
    /** The decoder's input: a fixed latent. */
    private static final float[] Z = {0.5f, -1f, 0.25f};
    private static final int[] PIXELS = {0, 27, 200, 405, 406, 600, 783};
    private static final double[] LOGITS = {-0.0254430249, -0.804417491, 0.216438800, -0.915579915, 0.100430310, -0.0633814037, -0.646580935};
    private static final double[] PROBS = {0.493639588, 0.309081376, 0.553899467, 0.285859406, 0.525086522, 0.484159946, 0.343760461};
    private static final double SUM_OF_PROBS = 390.644074;
    /** The encoder's outputs for a circle of size 12 at (14, 14). */
    private static final double[] MEAN = {0.253883451, 0.315656155, 0.337872446};
    private static final double[] LOGVAR = {0.174281552, -0.595637500, -0.511353672};

    private static Path repositoryFolder() throws URISyntaxException {
        return Path.of(FormatV1BundleTest.class.getResource("/bundles/format-v1").toURI());
    }

    @Test
    void theStoredVersion1ManifestReadsWithEveryField() throws Exception {
        ModelRepository repository = new ModelRepository(repositoryFolder());
        assertThat(repository.modelNames()).containsExactly("tiny-vae");
        assertThat(repository.versions("tiny-vae")).containsExactly(1);

        ModelManifest manifest = repository.load("tiny-vae", 1).manifest();

        assertThat(manifest.formatVersion()).isEqualTo(1);
        assertThat(manifest.kind()).isEqualTo(ModelKind.VAE);
        assertThat(manifest.latentDim()).isEqualTo(3);
        assertThat(manifest.config().architecture()).isEqualTo(new Architecture(List.of(16), List.of(16), 0.1, true));
        assertThat(manifest.config().hyperparameters()).isEqualTo(new Hyperparameters(0.001, 32, 1, 0.65, 0.0, List.of(), 7, 1));
        assertThat(manifest.dataset()).isEqualTo(new DatasetInfo("shapes-28x28-exact", 8002, 7824, 7, 0.9, 7042, 782));
        assertThat(manifest.training().epochs()).isEqualTo(1);
        assertThat(manifest.training().seconds()).isEqualTo(0.1);
        assertThat(manifest.training().samplesPerSecond()).isEqualTo(1000.0);
        assertThat(manifest.training().device()).isEqualTo("cpu");
        assertThat(manifest.training().finalTrain()).isEqualTo(new LossValues(1.0, 0.5, 1.5));
        assertThat(manifest.training().finalValidation()).isEqualTo(new LossValues(1.0, 0.5, 1.5));
        assertThat(manifest.training().historyFile()).isEqualTo("history.csv");
        assertThat(manifest.onnx().opset()).isEqualTo(17);
        assertThat(manifest.onnx().encoder()).isEqualTo(new OnnxInfo.TensorNames(List.of("image"), List.of("mean", "logvar")));
        assertThat(manifest.onnx().decoder()).isEqualTo(new OnnxInfo.TensorNames(List.of("z"), List.of("logits", "probs")));
        assertThat(manifest.onnx().sha256()).isEqualTo(Map.of(
                "encoder.onnx", "6b1160133d0475f0fcbd3afc353319329bf324a452bb1491b2fbeb0b440bb45b",
                "decoder.onnx", "f58a3e0ce0ea717d85ac7ae6a8b4dd9bc125e829d2405153d74b508493f5d4e2"));
        assertThat(manifest.createdAt()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(Files.readString(repositoryFolder().resolve("tiny-vae/1/history.csv"))).startsWith("epoch,train_reconstruction,");
    }

    @Test
    void decodingAFixedLatentGivesTheStoredNumbers() throws Exception {
        try (GenerativeModel model = GenerativeModel.open(new ModelRepository(repositoryFolder()), "tiny-vae", CPU)) {
            assertThat(model.bundle().version()).isEqualTo(1);
            Decoding decoding = model.decode(new FloatMatrix(1, Z.length, Z.clone()));

            for (int i = 0; i < PIXELS.length; i++) {
                assertThat((double) decoding.logits().data()[PIXELS[i]]).as("logit of pixel %d", PIXELS[i]).isCloseTo(LOGITS[i], within(1e-6));
                assertThat((double) decoding.probs().data()[PIXELS[i]]).as("prob of pixel %d", PIXELS[i]).isCloseTo(PROBS[i], within(1e-6));
            }
            double sum = 0;
            for (float p : decoding.probs().data()) {
                sum += p;
            }
            // 784 probabilities, each good to about 1e-7: their sum to 1e-5.
            assertThat(sum).isCloseTo(SUM_OF_PROBS, within(1e-5));
        }
    }

    @Test
    void encodingAFixedCircleGivesTheStoredNumbers() throws Exception {
        try (GenerativeModel model = GenerativeModel.open(repositoryFolder(), "tiny-vae", 1, CPU)) {
            Encoding encoding = model.encode(List.of(Shape.CIRCLE.draw(12, 14, 14)));

            // The encoder sums over the circle's pixels before its layer normalisation divides by a
            // standard deviation, so another CPU's kernels may move the last digits a little more
            // than in the decoder: 1e-5.
            for (int d = 0; d < MEAN.length; d++) {
                assertThat((double) encoding.z().data()[d]).as("mean %d", d).isCloseTo(MEAN[d], within(1e-5));
                assertThat((double) encoding.logvar().orElseThrow().data()[d]).as("logvar %d", d).isCloseTo(LOGVAR[d], within(1e-5));
            }
        }
    }
}
