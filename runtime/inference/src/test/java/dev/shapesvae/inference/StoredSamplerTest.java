package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.export.MlpWeights;
import dev.shapesvae.export.OnnxGraphs;
import dev.shapesvae.repository.BundleException;
import dev.shapesvae.repository.BundleFiles;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.SamplerEntry;
import dev.shapesvae.repository.Sha256;
import dev.shapesvae.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gmm sampler stored in a bundle: written with it, verified on load, offered by the model, refused when tampered with. */
class StoredSamplerTest {
    @TempDir
    Path root;

    private final ModelConfig config = Fixtures.config(ModelKind.VAE, 3, false);

    private ModelRepository repository() {
        return new ModelRepository(root);
    }

    private ModelBundle writeWithMixture() {
        return Fixtures.writeBundleWithMixture(repository(), "vae", config, 5);
    }

    @Test
    void theSamplerFileIsWrittenWithTheBundleAndRecordedWithItsHash() throws Exception {
        ModelBundle written = writeWithMixture();

        ModelBundle loaded = repository().load("vae", written.version());
        SamplerEntry entry = loaded.manifest().samplers().get(0);
        assertThat(loaded.manifest().samplers()).hasSize(1);
        assertThat(entry.name()).isEqualTo("gmm");
        assertThat(entry.file()).isEqualTo("sampler-gmm.json");
        assertThat(entry.sha256()).isEqualTo(Sha256.hex(Files.readAllBytes(loaded.directory().resolve("sampler-gmm.json"))));
        assertThat(GaussianMixtureFile.parse(loaded.samplerBytes(entry), loaded.samplerPath(entry))).isEqualTo(Fixtures.mixtureFile(3));
        assertThat(loaded.manifest()).isEqualTo(written.manifest());
    }

    @Test
    void theModelOffersThePriorFirstAndTheStoredSamplerAfterIt() {
        try (GenerativeModel model = GenerativeModel.load(writeWithMixture(), InferenceOptions.cpu())) {
            assertThat(model.samplers()).containsExactly("prior", "gmm");

            FloatMatrix gmm = model.sampleLatents("gmm", 200, 9, 1);
            assertThat(model.sampleLatents("gmm", 200, 9, 1)).isEqualTo(gmm);
            assertThat(model.sampleLatents("prior", 200, 9, 1)).isEqualTo(model.sampleLatents(200, 9, 1));
            // The fixture's components sit at -3 and +3 with a standard deviation of 0.1: no draw lands near the origin.
            for (float v : gmm.data()) {
                assertThat(Math.abs(v)).isBetween(2.5f, 3.5f);
            }
            assertThat(model.sample("gmm", 4, 9, 1).probs()).isEqualTo(model.decode(gmm.rows(0, 4)).probs());
        }
    }

    @Test
    void aSamplerTheModelDoesNotHaveIsRefusedListingThoseItHas() {
        try (GenerativeModel model = GenerativeModel.load(writeWithMixture(), InferenceOptions.cpu())) {
            assertThatThrownBy(() -> model.sample("flow", 1, 1, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("model vae version 1 has no sampler 'flow'; its samplers are prior, gmm");
        }
        ModelBundle plain = Fixtures.writeBundle(repository(), "plain", config, 5);
        try (GenerativeModel model = GenerativeModel.load(plain, InferenceOptions.cpu())) {
            assertThat(model.samplers()).containsExactly("prior");
            assertThatThrownBy(() -> model.sampleLatents("gmm", 1, 1, 1))
                    .hasMessage("model plain version 1 has no sampler 'gmm'; its samplers are prior");
        }
    }

    @Test
    void aTamperedOrMissingSamplerFileBreaksTheBundleNamingTheFile() throws Exception {
        ModelBundle bundle = writeWithMixture();
        Path file = bundle.directory().resolve("sampler-gmm.json");
        Files.writeString(file, Files.readString(file).replace("0.25", "0.2500000001"));

        assertThatThrownBy(() -> repository().load("vae", 1))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith(file + ": sha256 mismatch: model.json says ");

        Files.delete(file);
        assertThatThrownBy(() -> repository().load("vae", 1))
                .isInstanceOf(BundleException.class)
                .hasMessage(file + ": missing file");
    }

    @Test
    void theSamplerFileParsedIsTheOneWhoseHashWasCheckedEvenAfterTheBundleWasLoadedOrForABundleBuiltByHand() throws Exception {
        ModelBundle loaded = repository().load("vae", writeWithMixture().version());
        Path file = loaded.directory().resolve("sampler-gmm.json");
        // A valid mixture still, but not the file model.json vouches for: changed after the repository checked it.
        Files.writeString(file, Files.readString(file).replace("0.25", "0.5").replace("0.75", "0.5"));

        assertThatThrownBy(() -> GenerativeModel.load(loaded, InferenceOptions.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith(file + ": sha256 mismatch: model.json says ");
        ModelBundle byHand = new ModelBundle("vae", 1, loaded.directory(), loaded.manifest());
        assertThatThrownBy(() -> GenerativeModel.load(byHand, InferenceOptions.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith(file + ": sha256 mismatch: model.json says ");
    }

    @Test
    void aMixtureOverAnotherLatentSizeIsRefusedWhenTheModelOpens() {
        ModelConfig wide = Fixtures.config(ModelKind.VAE, 4, false);
        MlpWeights[] nets = Fixtures.networks(wide, 1);
        ModelBundle bundle = repository().write("vae", new BundleFiles(Fixtures.manifest(wide), OnnxGraphs.encoder(ModelKind.VAE, nets[0]),
                OnnxGraphs.decoder(nets[1]), Map.of(), Map.of("gmm", Fixtures.mixtureFile(3).bytes())));

        assertThatThrownBy(() -> GenerativeModel.load(bundle, InferenceOptions.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessage(bundle.directory().resolve("sampler-gmm.json") + ": the mixture is over 3 dimensions but the model's latent has 4");
    }
}
