package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.Shape;
import dev.shapesvae.repository.BundleException;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelNotFoundException;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a model by name from a repository folder, as an embedding application does, and closing it. */
class OpenModelTest {
    private static final InferenceOptions ONE_THREAD = InferenceOptions.builder().provider(ExecutionProvider.CPU).intraOpThreads(1).build();
    private static final ModelConfig CONFIG = Fixtures.config(ModelKind.VAE, 3, false);

    @TempDir
    Path root;

    private ModelRepository repository() {
        return new ModelRepository(root);
    }

    @Test
    void withoutAVersionTheNewestVersionThatLoadsIsOpenedAndANewerBrokenOneSkipped() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            Fixtures.writeBundle(repository(), "m", CONFIG, seed);
        }
        Files.writeString(root.resolve("m/3/model.json"), "{ half a file");

        try (GenerativeModel model = GenerativeModel.open(root, "m", ONE_THREAD)) {
            assertThat(model.bundle().version()).isEqualTo(2);
            assertThat(model.provider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(model.sample(2, 1, 1).count()).isEqualTo(2);
        }
        try (GenerativeModel model = GenerativeModel.open(repository(), "m", ONE_THREAD)) {
            assertThat(model.bundle().version()).isEqualTo(2);
        }
    }

    @Test
    void aVersionOpensExactlyThatVersionAndABrokenOneIsRefusedNamingItsProblem() throws IOException {
        Fixtures.writeBundle(repository(), "m", CONFIG, 1);
        Fixtures.writeBundle(repository(), "m", CONFIG, 2);
        try (GenerativeModel first = GenerativeModel.open(root, "m", 1, ONE_THREAD);
             GenerativeModel second = GenerativeModel.open(repository(), "m", 2, ONE_THREAD)) {
            assertThat(first.bundle().version()).isEqualTo(1);
            assertThat(second.bundle().version()).isEqualTo(2);
            FloatMatrix z = first.sampleLatents(1, 5, 1);
            assertThat(first.decode(z).probs()).isNotEqualTo(second.decode(z).probs());
        }
        Files.write(root.resolve("m/1/decoder.onnx"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> GenerativeModel.open(root, "m", 1, ONE_THREAD))
                .isInstanceOf(BundleException.class).hasMessageContaining("m/1/decoder.onnx: sha256 mismatch");
    }

    @Test
    void aMissingModelOrVersionAndAModelWithoutAGoodVersionAreRefusedSayingWhich() throws IOException {
        assertThatThrownBy(() -> GenerativeModel.open(root, "absent", ONE_THREAD))
                .isInstanceOf(ModelNotFoundException.class).hasMessage(root.toAbsolutePath() + "/absent: no model named 'absent'");
        Files.createDirectory(root.resolve("empty"));
        assertThatThrownBy(() -> GenerativeModel.open(root, "empty", ONE_THREAD))
                .isInstanceOf(ModelNotFoundException.class).hasMessage(root.toAbsolutePath() + "/empty: model 'empty' has no versions");
        Fixtures.writeBundle(repository(), "m", CONFIG, 1);
        Fixtures.writeBundle(repository(), "m", CONFIG, 2);
        assertThatThrownBy(() -> GenerativeModel.open(root, "m", 3, ONE_THREAD))
                .isInstanceOf(ModelNotFoundException.class).hasMessageEndingWith("model 'm' has no version 3");

        Files.delete(root.resolve("m/1/encoder.onnx"));
        Files.writeString(root.resolve("m/2/model.json"), "[]");
        assertThatThrownBy(() -> GenerativeModel.open(root, "m", ONE_THREAD))
                .isInstanceOf(BundleException.class)
                .hasMessage(root.toAbsolutePath() + "/m: no version of model 'm' loads: "
                        + root.toAbsolutePath() + "/m/2/model.json: malformed JSON: expected an object; "
                        + root.toAbsolutePath() + "/m/1/encoder.onnx: missing file");
    }

    @Test
    void closingTwiceIsHarmlessAndAClosedModelRefusesWorkByName() {
        Fixtures.writeBundle(repository(), "m", CONFIG, 1);
        GenerativeModel model = GenerativeModel.open(root, "m", ONE_THREAD);
        model.close();
        model.close();

        assertThatThrownBy(() -> model.sample(1, 1, 1)).isInstanceOf(IllegalStateException.class).hasMessage("model m version 1 is closed");
    }

    @Test
    void binaryImagesEncodeAsTheirPixelsDo() {
        Fixtures.writeBundle(repository(), "m", CONFIG, 1);
        List<BinaryImage> shapes = List.of(Shape.CIRCLE.draw(12, 14, 14), Shape.SQUARE.draw(7, 0, 0));
        FloatMatrix pixels = new FloatMatrix(2, 784, concat(shapes.get(0).toFloats(), shapes.get(1).toFloats()));
        try (GenerativeModel model = GenerativeModel.open(root, "m", ONE_THREAD)) {
            assertThat(FloatMatrix.ofImages(shapes)).isEqualTo(pixels);
            assertThat(model.encode(shapes)).isEqualTo(model.encode(pixels));
            assertThat(model.reconstruct(shapes)).isEqualTo(model.reconstruct(pixels));
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] both = new float[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
