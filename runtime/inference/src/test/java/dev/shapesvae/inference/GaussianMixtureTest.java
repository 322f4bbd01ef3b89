package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.repository.BundleException;
import dev.shapesvae.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mixture checks itself on construction and names the bad value; its file reads back as written. */
class GaussianMixtureTest {
    @TempDir
    Path dir;

    private static final double[][][] IDENTITY = {{{1, 0}, {0, 1}}};

    @Test
    void eachBadPartIsNamed() {
        assertThatThrownBy(() -> new GaussianMixture(new double[0], new double[0][], new double[0][][]))
                .hasMessage("a mixture needs at least one component");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {1, 1}}, IDENTITY))
                .hasMessage("covariances has 1 matrices, expected one per weight (2)");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {-1}, new double[][] {{0, 0}}, IDENTITY))
                .hasMessage("weights[0] must be a positive number, got -1.0");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {0.9}, new double[][] {{0, 0}}, IDENTITY))
                .hasMessage("the weights sum to 0.9, expected 1");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {1}}, new double[][][] {IDENTITY[0], IDENTITY[0]}))
                .hasMessage("means[1] has 1 values, expected 2");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {1}, new double[][] {{0, Double.NaN}}, IDENTITY))
                .hasMessage("means[0][1] must be finite, got NaN");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {1}, new double[][] {{0, 0}}, new double[][][] {{{1, 0.5}, {0.4, 1}}}))
                .hasMessage("covariances[0] is not symmetric: [1][0] is 0.4 but [0][1] is 0.5");
        // Eigenvalues 3 and -1: the second pivot is 1 - 2 * 2 = -3.
        assertThatThrownBy(() -> new GaussianMixture(new double[] {1}, new double[][] {{0, 0}}, new double[][][] {{{1, 2}, {2, 1}}}))
                .hasMessage("covariances[0] is not positive definite (pivot 1 is -3.0)");
    }

    @Test
    void itCannotBeChangedThroughTheArraysItWasMadeFromOrGives() {
        double[] weights = {1};
        double[][] means = {{0, 0}};
        GaussianMixture mixture = new GaussianMixture(weights, means, IDENTITY);
        weights[0] = 7;
        means[0][0] = 7;
        mixture.means()[0][1] = 7;
        mixture.covariances()[0][0][0] = 7;

        assertThat(mixture).isEqualTo(new GaussianMixture(new double[] {1}, new double[][] {{0, 0}}, new double[][][] {{{1, 0}, {0, 1}}}));
    }

    @Test
    void theSamplerFileReadsBackAsWritten() throws Exception {
        GaussianMixtureFile written = Fixtures.mixtureFile(3);
        Path file = Files.write(dir.resolve("sampler-gmm.json"), written.bytes());

        GaussianMixtureFile read = GaussianMixtureFile.parse(Files.readAllBytes(file), file);

        assertThat(read).isEqualTo(written);
        assertThat(read.fit().candidates()).extracting(MixtureFit.Candidate::components).containsExactly(1, 2);
        assertThat(Files.readString(file)).contains("\"covariances\"", "\"validationLogLikelihood\"").doesNotContain("latentDim");
    }

    @Test
    void theChosenNumberOfComponentsIsTheBestHeldOutCandidateWrittenForReadersAndNotReadBack() throws Exception {
        GaussianMixtureFile written = Fixtures.mixtureFile(2);
        // The candidates: 1 component at -3.6 nats per held-out code, 2 at -1.6; 2 is kept and says so in the file.
        assertThat(written.fit().chosen().components()).isEqualTo(2);
        String json = new String(written.bytes(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"chosen\" : 2");

        // Derived from the candidates, the field cannot contradict them: whatever it says is not read.
        Path edited = Files.writeString(dir.resolve("edited.json"), json.replace("\"chosen\" : 2", "\"chosen\" : 1"));
        assertThat(GaussianMixtureFile.parse(Files.readAllBytes(edited), edited)).isEqualTo(written);
        Path absent = Files.writeString(dir.resolve("absent.json"), json.replaceFirst(",\\s*\"chosen\" : 2", ""));
        assertThat(Files.readString(absent)).doesNotContain("chosen");
        assertThat(GaussianMixtureFile.parse(Files.readAllBytes(absent), absent)).isEqualTo(written);

        // A mixture whose number of components is not the best candidate's is refused.
        MixtureFit oneBest = new MixtureFit("mean", 7, 0.9, 7042, 782, 7, 1e-6, 100, 1e-3,
                List.of(new MixtureFit.Candidate(1, -1.5, -1.6, 2, true), new MixtureFit.Candidate(2, -3.5, -3.6, 9, true)), List.of());
        assertThatThrownBy(() -> new GaussianMixtureFile(written.mixture(), oneBest))
                .hasMessage("the mixture has 2 components but the fit chose 1, the candidate with the highest validationLogLikelihood");
    }

    @Test
    void aSamplerFileWithABadMixtureIsRefusedNamingTheFileAndTheField() throws Exception {
        String json = new String(Fixtures.mixtureFile(2).bytes()).replaceFirst("0\\.25", "0.35");
        Path file = Files.writeString(dir.resolve("sampler-gmm.json"), json);

        assertThatThrownBy(() -> GaussianMixtureFile.parse(Files.readAllBytes(file), file))
                .isInstanceOf(BundleException.class)
                .hasMessage(file + ": invalid sampler: the weights sum to 1.1, expected 1 (field mixture)");
    }
}
