package dev.shapesvae.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry on its own, over real bundles opened in ONNX Runtime: a model it does not serve is
 * its own domain fact, {@link ModelNotServedException} with the reason, not an HTTP answer.
 */
class ModelRegistryTest {
    @TempDir
    Path root;

    private ModelRegistry registry() {
        ModelRepository repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 1);
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 2);
        return new ModelRegistry(ServerSettings.of(repository.root(), InferenceOptions.cpu(), 1, 8, 1 << 20));
    }

    @Test
    void aModelOrVersionThatIsNotServedIsModelNotServedWithTheReason() {
        try (ModelRegistry registry = registry(); ModelRegistry.Lease lease = registry.lease()) {
            assertThat(lease.model("vae", null).bundle().version()).isEqualTo(2);
            assertThatThrownBy(() -> lease.model("nope", null)).isExactlyInstanceOf(ModelNotServedException.class)
                    .hasMessage("no model named 'nope'");
            assertThatThrownBy(() -> lease.versions("nope")).isExactlyInstanceOf(ModelNotServedException.class)
                    .hasMessage("no model named 'nope'");
            assertThatThrownBy(() -> lease.model("vae", 3)).isExactlyInstanceOf(ModelNotServedException.class)
                    .hasMessage("model 'vae' has no version 3 (versions: [1, 2])");
            assertThatThrownBy(() -> registry.unload("nope")).isExactlyInstanceOf(ModelNotServedException.class)
                    .hasMessage("no model named 'nope'");
        }
    }

    @Test
    void anUnloadedModelIsNotServedUntilLoadedAgain() {
        try (ModelRegistry registry = registry()) {
            registry.unload("vae");
            try (ModelRegistry.Lease lease = registry.lease()) {
                assertThatThrownBy(() -> lease.model("vae", 1)).isExactlyInstanceOf(ModelNotServedException.class)
                        .hasMessage("model 'vae' is unloaded; it is served again once loaded");
            }
            registry.load("vae");
            try (ModelRegistry.Lease lease = registry.lease()) {
                assertThat(lease.versions("vae")).containsExactly(1, 2);
            }
        }
    }
}
