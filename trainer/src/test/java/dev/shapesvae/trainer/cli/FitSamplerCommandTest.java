package dev.shapesvae.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.inference.MixtureFit;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.SamplerEntry;
import dev.shapesvae.testing.CliRun;
import dev.shapesvae.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gmm sampler as a user gets it: {@code trainer fit} stores one with every model unless told
 * not to, and {@code trainer fit-sampler} adds one to a model that has none as a new version with
 * the same graphs, training and history.
 */
@Timeout(300)
class FitSamplerCommandTest {
    @TempDir
    Path dir;

    private CliRun.Result trainer(String... args) {
        return CliRun.run(new TrainerCli(), args);
    }

    private CliRun.Result fit(String... flags) {
        String[] common = {"fit", "--name", "m", "--models", models().root().toString(), "--runs", dir.resolve("runs").toString(),
            "--preset", "quick-vae", "--latent", "2", "--epochs", "1", "--batch-size", "1024", "--device", "cpu",
            "--encoder-hidden", "8", "--decoder-hidden", "8"};
        String[] all = new String[common.length + flags.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(flags, 0, all, common.length, flags.length);
        return trainer(all);
    }

    private ModelRepository models() {
        return new ModelRepository(dir.resolve("models"));
    }

    /** The graph's nodes and weights: a version's metadata names its own version number. */
    private static OnnxMl.GraphProto graph(Path onnx) throws IOException {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx)).getGraph();
    }

    @Test
    void fitStoresAGmmSamplerChosenAmongTheComponentsGivenAndNoGmmStoresNone() {
        CliRun.Result withGmm = fit("--gmm-components", "1,2,3");
        assertThat(withGmm.exitCode()).as(withGmm.err()).isZero();
        assertThat(withGmm.err()).containsPattern("gmm sampler: [123] components?, held-out log-likelihood .* \\(of 1: .*, 2: .*, 3: .*\\)");
        ModelBundle bundle = models().load("m", 1);
        assertThat(bundle.manifest().samplers()).extracting(SamplerEntry::name).containsExactly("gmm");
        MixtureFit fit = Fixtures.storedMixture(bundle).fit();
        assertThat(fit.encoderOutput()).isEqualTo("mean");
        assertThat(fit.candidates()).extracting(MixtureFit.Candidate::components).containsExactly(1, 2, 3);
        double best = fit.candidates().stream().mapToDouble(MixtureFit.Candidate::validationLogLikelihood).max().orElseThrow();
        assertThat(fit.chosen().validationLogLikelihood()).isEqualTo(best);

        CliRun.Result without = fit("--no-gmm");
        assertThat(without.exitCode()).as(without.err()).isZero();
        assertThat(without.err()).doesNotContain("gmm sampler");
        ModelBundle plain = models().load("m", 2);
        assertThat(plain.manifest().samplers()).isEmpty();
        assertThat(plain.directory().resolve("sampler-gmm.json")).doesNotExist();
        // A model without a sampler writes model.json as the format-1 writer did.
        assertThat(plain.manifestPath()).content().doesNotContain("samplers").doesNotContain("derivedFrom");
    }

    @Test
    void fitSamplerAddsTheSamplerAsANewVersionWithTheSameGraphsTrainingAndHistory() throws IOException {
        assertThat(fit("--no-gmm").exitCode()).isZero();
        ModelBundle source = models().load("m", 1);

        CliRun.Result added = trainer("fit-sampler", "--name", "m", "--models", models().root().toString(), "--components", "1,2",
                "--device", "cpu");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out().trim()).isEqualTo(models().root().resolve("m/2").toString());
        assertThat(added.err()).contains("gmm sampler for m version 1: ");
        ModelBundle derived = models().load("m", 2);
        assertThat(derived.manifest().derivedFrom()).isEqualTo(1);
        assertThat(derived.manifest().samplers()).extracting(SamplerEntry::name).containsExactly("gmm");
        assertThat(derived.manifest().config()).isEqualTo(source.manifest().config());
        assertThat(derived.manifest().dataset()).isEqualTo(source.manifest().dataset());
        assertThat(derived.manifest().training()).isEqualTo(source.manifest().training());
        assertThat(graph(derived.encoderPath())).isEqualTo(graph(source.encoderPath()));
        assertThat(graph(derived.decoderPath())).isEqualTo(graph(source.decoderPath()));
        assertThat(derived.directory().resolve("history.csv")).hasSameTextualContentAs(source.directory().resolve("history.csv"));
        assertThat(derived.directory().resolve("config.yaml")).hasSameTextualContentAs(source.directory().resolve("config.yaml"));
        assertThat(Fixtures.storedMixture(derived).fit().seed())
                .isEqualTo(source.manifest().config().hyperparameters().seed());
        try (GenerativeModel model = GenerativeModel.load(derived, InferenceOptions.cpu())) {
            assertThat(model.samplers()).containsExactly("prior", "gmm");
            assertThat(model.sampleLatents("gmm", 8, 1, 1)).isNotEqualTo(model.sampleLatents("prior", 8, 1, 1));
        }

        // Again from the new version: the sampler is replaced, not listed twice, and the version it came from is named.
        CliRun.Result again = trainer("fit-sampler", "--name", "m", "--models", models().root().toString(), "--model-version", "2",
                "--components", "1", "--seed", "4", "--device", "cpu");
        assertThat(again.exitCode()).as(again.err()).isZero();
        ModelBundle third = models().load("m", 3);
        assertThat(third.manifest().derivedFrom()).isEqualTo(2);
        assertThat(third.manifest().samplers()).extracting(SamplerEntry::name).containsExactly("gmm");
        MixtureFit refit = Fixtures.storedMixture(third).fit();
        assertThat(refit.chosen().components()).isEqualTo(1);
        assertThat(refit.seed()).isEqualTo(4);
    }

    @Test
    void aSamplerFileThatModelJsonDoesNotListIsLeftOutOfTheNewVersionAndSaidSo() throws IOException {
        assertThat(fit("--no-gmm").exitCode()).isZero();
        ModelBundle source = models().load("m", 1);
        // Left in the folder by hand: the repository does not read it, and it is no part of version 1.
        Path stray = Files.writeString(source.directory().resolve("sampler-gmm.json"), "{}");

        CliRun.Result added = trainer("fit-sampler", "--name", "m", "--models", models().root().toString(), "--components", "1");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.err()).contains(stray + ": left out of the new version: model.json does not list it as a sampler");
        ModelBundle derived = models().load("m", 2);
        assertThat(Fixtures.storedMixture(derived).fit().chosen().components()).isEqualTo(1);
        assertThat(derived.directory().resolve("history.csv")).exists();
    }

    @Test
    void theCodesAreComputedOnTheCpuUnlessAskedOtherwise() {
        CliRun.Result help = trainer("fit-sampler", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " "))
                .contains("--device=DEVICE Where ONNX Runtime computes the codes: cpu, gpu (also: cuda) or auto (default: cpu: ");
    }

    @Test
    void aModelThatIsNotThereIsOneLine() {
        CliRun.Result missing = trainer("fit-sampler", "--name", "m", "--models", dir.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: ").contains("no model named 'm'").hasLineCount(1);
    }
}
