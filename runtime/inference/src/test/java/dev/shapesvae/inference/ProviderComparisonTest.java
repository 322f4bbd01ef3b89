package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle compared with itself in real ONNX Runtime sessions: what bin/gpu-check does with the CPU and CUDA. */
class ProviderComparisonTest {
    private static final InferenceOptions CPU = InferenceOptions.builder().provider(ExecutionProvider.CPU).intraOpThreads(1).build();

    @TempDir
    java.nio.file.Path root;

    @Test
    void aVaeComparesEveryOutputOfBothGraphs() {
        ModelRepository repository = new ModelRepository(root);
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 1);
        try (GenerativeModel one = GenerativeModel.open(root, "vae", CPU);
             GenerativeModel two = GenerativeModel.open(root, "vae", CPU)) {
            List<OutputAgreement> agreements = ProviderComparison.compare(one, two, 10, 7, Tolerance.CUDA_AGAINST_CPU);

            assertThat(agreements).extracting(OutputAgreement::output).containsExactly("mean", "logvar", "logits", "probs");
            assertThat(agreements).extracting(OutputAgreement::values).containsExactly(30, 30, 7840, 7840);
            // One provider, one model, the same inputs: the same numbers, to the bit.
            assertThat(agreements).allSatisfy(agreement -> assertThat(agreement.maxDifference()).isZero());
        }
    }

    @Test
    void anAutoencoderHasOneEncoderOutput() {
        Fixtures.writeBundle(new ModelRepository(root), "ae", Fixtures.config(ModelKind.AE, 2, true), 1);
        try (GenerativeModel one = GenerativeModel.open(root, "ae", CPU)) {
            assertThat(ProviderComparison.compare(one, one, 3, 1, Tolerance.CUDA_AGAINST_CPU)).extracting(OutputAgreement::output)
                    .containsExactly("z", "logits", "probs");
        }
    }

    @Test
    void onlyOneBundleIsComparedWithItself() {
        ModelRepository repository = new ModelRepository(root);
        Fixtures.writeBundle(repository, "a", Fixtures.config(ModelKind.VAE, 3, false), 1);
        Fixtures.writeBundle(repository, "b", Fixtures.config(ModelKind.VAE, 3, false), 2);
        try (GenerativeModel a = GenerativeModel.open(root, "a", CPU);
             GenerativeModel b = GenerativeModel.open(root, "b", CPU)) {
            assertThatThrownBy(() -> ProviderComparison.compare(a, b, 4, 1, Tolerance.CUDA_AGAINST_CPU))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("compare one bundle with itself, not ");
            assertThatThrownBy(() -> ProviderComparison.compare(a, a, 0, 1, Tolerance.CUDA_AGAINST_CPU)).hasMessage("rows must be positive, got 0");
        }
    }
}
