package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The builder's defaults are the named constants, and what it is given is checked on build. */
class InferenceOptionsTest {
    @Test
    void defaultsAreAutoProviderDefaultThreadsAndBatchesOf1024() {
        assertThat(InferenceOptions.defaults()).isEqualTo(new InferenceOptions(Optional.empty(), 0, 1024));
        assertThat(InferenceOptions.builder().build()).isEqualTo(InferenceOptions.defaults());
        assertThat(InferenceOptions.cpu()).isEqualTo(new InferenceOptions(Optional.of(ExecutionProvider.CPU), 0, 1024));
    }

    @Test
    void namedOptionsChangeOnlyThemselves() {
        InferenceOptions options = InferenceOptions.builder().intraOpThreads(2).maxBatch(7).build();

        assertThat(options).isEqualTo(new InferenceOptions(Optional.empty(), 2, 7));
        assertThat(InferenceOptions.builder().provider(ExecutionProvider.CPU).build().provider()).contains(ExecutionProvider.CPU);
        assertThat(InferenceOptions.builder().provider(ExecutionProvider.CPU).provider(Optional.empty()).build().provider()).isEmpty();
    }

    @Test
    void badValuesAreRefusedOnBuildNamingTheValue() {
        assertThatThrownBy(() -> InferenceOptions.builder().intraOpThreads(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("intra-op threads must be >= 0, got -1");
        assertThatThrownBy(() -> InferenceOptions.builder().maxBatch(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("max batch must be positive, got 0");
    }
}
