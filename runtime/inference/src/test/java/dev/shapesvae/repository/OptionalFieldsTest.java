package dev.shapesvae.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shapesvae.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fields added to model.json after bundles were written without them: a manifest without them
 * reads with their absent value, and one that holds only absent values is written without them,
 * as the format-1 writer wrote it, so that older code reads it too.
 */
class OptionalFieldsTest {
    private static final Path STORED = Path.of("src/test/resources/bundles/format-v1/tiny-vae/1/model.json");
    private static final SamplerEntry GMM = new SamplerEntry("gmm", "sampler-gmm.json", "0".repeat(64));

    @Test
    void aManifestWithoutTheOptionalFieldsReadsWithTheirAbsentValues() {
        ModelManifest manifest = ManifestCodec.read(STORED);

        assertThat(manifest.samplers()).isEmpty();
        assertThat(manifest.derivedFrom()).isNull();
    }

    @Test
    void aManifestThatUsesNoOptionalFieldIsWrittenAsTheFormat1WriterWroteIt() throws Exception {
        // As trees: the writer has always put the two hashes in the order of an unordered map.
        JsonMapper json = new JsonMapper();
        assertThat(json.readTree(ManifestCodec.toJson(ManifestCodec.read(STORED)))).isEqualTo(json.readTree(Files.readString(STORED)));
    }

    @Test
    void optionalFieldsThatHoldAValueAreWrittenAndReadBack() {
        ModelManifest manifest = Fixtures.manifest(Fixtures.config(ModelKind.AE, 2, false)).withSamplers(List.of(GMM))
                .derivedVersionOf(3, "2026-02-01T00:00:00Z");

        String json = ManifestCodec.toJson(manifest);

        assertThat(json).contains("\"samplers\"", "\"derivedFrom\" : 3");
        assertThat(ManifestCodec.fromJson(json, Path.of("model.json"))).isEqualTo(manifest);
    }

    @Test
    void requiredAndUnknownFieldsAreStillRefusedAndAnOptionalOneIsStillChecked() throws Exception {
        String stored = Files.readString(STORED);
        assertThatThrownBy(() -> ManifestCodec.fromJson(stored.replace(",\n  \"createdAt\" : \"2026-01-01T00:00:00Z\"", ""), Path.of("model.json")))
                .hasMessageContaining("Missing creator property 'createdAt'");
        assertThatThrownBy(() -> ManifestCodec.fromJson(stored.replaceFirst("\\{", "{\"sampler\": [],"), Path.of("model.json")))
                .hasMessageContaining("Unrecognized field \"sampler\"");
        String twice = stored.replaceFirst("\\{", "{\"samplers\": [" + samplerJson() + ", " + samplerJson() + "],");
        assertThatThrownBy(() -> ManifestCodec.fromJson(twice, Path.of("model.json")))
                .isInstanceOf(BundleException.class)
                .hasMessage("model.json: invalid manifest: sampler 'gmm' is listed twice");
        String traversal = stored.replaceFirst("\\{", "{\"samplers\": [" + samplerJson().replace("sampler-gmm.json", "../x.json") + "],");
        assertThatThrownBy(() -> ManifestCodec.fromJson(traversal, Path.of("model.json")))
                .hasMessage("model.json: invalid manifest: the file of sampler 'gmm' must be sampler-gmm.json, got '../x.json' (field samplers[0])");
    }

    private static String samplerJson() {
        return "{\"name\": \"gmm\", \"file\": \"sampler-gmm.json\", \"sha256\": \"" + "0".repeat(64) + "\"}";
    }
}
