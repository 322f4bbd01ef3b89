package dev.shapesvae.trainer.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.shapesvae.repository.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Builds the effective config: a preset, then a YAML file laid over it (any subset of the
 * fields; it may name its own {@code preset}), then command-line overrides. The result is
 * validated by the value types, so a bad value is named wherever it came from.
 */
public final class ConfigResolver {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigResolver() {
    }

    /**
     * @param preset the preset name, or empty to take it from the file (default {@code quick-vae})
     * @param file a YAML config file, or empty
     */
    public static ModelConfig resolve(Optional<String> preset, Optional<Path> file, ConfigOverrides overrides) {
        ObjectNode fileTree = file.map(ConfigResolver::readYaml).orElseGet(YAML::createObjectNode);
        JsonNode filePreset = fileTree.remove("preset");
        String presetName = preset.orElse(filePreset != null ? filePreset.asText() : "quick-vae");
        ObjectNode tree = YAML.valueToTree(Presets.get(presetName));
        merge(tree, fileTree, file.map(Path::toString).orElse("config"), "");
        applyOverrides(tree, overrides);
        try {
            return YAML.treeToValue(tree, ModelConfig.class);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            String problem = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("invalid config: " + problem, e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid config: " + e.getOriginalMessage(), e);
        }
    }

    /** The config as YAML, as printed and saved beside the model. */
    public static String toYaml(ModelConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode readYaml(Path file) {
        try {
            JsonNode tree = YAML.readTree(Files.readString(file));
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return YAML.createObjectNode();
            }
            if (!tree.isObject()) {
                throw new IllegalArgumentException(file + ": config must be a YAML mapping of fields");
            }
            return (ObjectNode) tree;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": config file does not exist");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": config does not parse as YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read config: " + e.getMessage(), e);
        }
    }

    /** Lays {@code overlay} over {@code base}; objects merge field by field, anything else replaces. */
    private static void merge(ObjectNode base, ObjectNode overlay, String source, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + field.getKey();
            JsonNode existing = base.get(field.getKey());
            if (existing == null) {
                throw new IllegalArgumentException(source + ": unknown field '" + path + "'");
            }
            if (existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) field.getValue(), source, path + ".");
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void applyOverrides(ObjectNode tree, ConfigOverrides o) {
        ObjectNode arch = (ObjectNode) tree.get("architecture");
        ObjectNode hp = (ObjectNode) tree.get("hyperparameters");
        BiConsumer<ObjectNode, Map.Entry<String, Optional<?>>> set = (node, e) ->
                e.getValue().ifPresent(v -> node.set(e.getKey(), YAML.valueToTree(v)));
        set.accept(tree, Map.entry("latentDim", o.latentDim()));
        set.accept(arch, Map.entry("encoderHidden", o.encoderHidden()));
        set.accept(arch, Map.entry("decoderHidden", o.decoderHidden()));
        set.accept(arch, Map.entry("dropout", o.dropout()));
        set.accept(arch, Map.entry("layerNorm", o.layerNorm()));
        set.accept(hp, Map.entry("learningRate", o.learningRate()));
        set.accept(hp, Map.entry("batchSize", o.batchSize()));
        set.accept(hp, Map.entry("epochs", o.epochs()));
        set.accept(hp, Map.entry("regularisationWeight", o.regularisationWeight()));
        set.accept(hp, Map.entry("latentNoise", o.latentNoise()));
        set.accept(hp, Map.entry("mmdBandwidths", o.mmdBandwidths()));
        set.accept(hp, Map.entry("seed", o.seed()));
        set.accept(hp, Map.entry("validationEvery", o.validationEvery()));
    }
}
