package dev.shapesvae.trainer.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.trainer.data.TrainingData;
import dev.shapesvae.trainer.model.Device;
import dev.shapesvae.trainer.model.ModelGraph;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A gmm fit that fails costs the bundle its sampler, never the trained model: whether no
 * candidate fits the codes or computing the codes fails in TensorFlow, the fit gives no sampler
 * file and says why on the log.
 */
class SamplerFittingTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final SamplerFitting fitting = SamplerFitting.gmm(List.of(4), new PrintStream(log, true, StandardCharsets.UTF_8));

    private String logged() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void codesThatNoCandidateFitsGiveNoSamplerAndTheReason() {
        // Two training codes of two dimensions: 4 components need at least 4 x 3.
        LatentCodes few = new LatentCodes("mean", 7, 0.9, new double[][] {{0, 0}, {1, 1}}, new double[][] {{0, 1}});

        Map<String, byte[]> files = fitting.fit(() -> few, 1);

        assertThat(files).isEmpty();
        assertThat(logged()).isEqualTo("gmm sampler not fitted (no number of components could be fitted: 4: fewer than L + 1 = 3 training "
                + "codes per component (2 codes)); the bundle offers the prior only: add it later with trainer fit-sampler" + System.lineSeparator());
    }

    @Test
    void aTensorFlowFailureWhileComputingTheCodesGivesNoSamplerAndSaysWhatFailed() {
        TrainingData data = TrainingData.split(7, 0.9);
        ModelGraph graph = new ModelGraph(Fixtures.config(ModelKind.VAE, 2, false), data, Device.CPU);
        // Asked of a closed session, TensorFlow fails as it would on a device that went away during the export.
        graph.close();

        Map<String, byte[]> files = fitting.fit(() -> LatentCodes.of(graph, data), 1);

        assertThat(files).isEmpty();
        assertThat(logged()).startsWith("gmm sampler not fitted (the fit failed: ")
                .endsWith("); the bundle offers the prior only: add it later with trainer fit-sampler" + System.lineSeparator())
                .hasLineCount(1);
    }
}
