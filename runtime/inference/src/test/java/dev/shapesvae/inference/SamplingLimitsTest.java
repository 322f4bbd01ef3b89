package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts too large for one array are refused with a reason, not overflowed into a negative array size. */
class SamplingLimitsTest {
    @TempDir
    Path root;

    @Test
    void aCountWhoseImagesCannotFitInOneArrayIsRefusedWithTheLargestThatFits() {
        ModelBundle bundle = Fixtures.writeBundle(new ModelRepository(root), "m", Fixtures.config(ModelKind.VAE, 3, false), 1);
        try (GenerativeModel model = GenerativeModel.load(bundle, InferenceOptions.cpu())) {
            assertThatThrownBy(() -> model.sample(1_000_000_000, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("count 1000000000 is too large for one array of images; sample at most 2739137 at a time");
        }
    }
}
