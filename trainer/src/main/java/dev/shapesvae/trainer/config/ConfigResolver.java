package dev.shapesvae.trainer.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.shapesvae.io.FileProblems;
import dev.shapesvae.repository.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Builds the effective config: a preset, then a YAML file laid over it (any subset of the
 * fields; it may name its own {@code preset}), then command-line overrides. Presets are YAML too
 * ({@link Presets}), parsed and laid over the preset they name by the same code as the file. The
 * result is validated by the value types, so a bad value is named wherever it came from.
 */
public final class ConfigResolver {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // latentDim: 3.7 is a mistake to report, not a 3 to train silently.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private ConfigResolver() {
    }

    /**
     * @param preset the preset name, or empty to take it from the file (default {@code quick-vae})
     * @param file a YAML config file, or empty
     */
    public static ModelConfig resolve(Optional<String> preset, Optional<Path> file, ConfigOverrides overrides) {
        ObjectNode fileTree = file.map(ConfigResolver::readFile).orElseGet(YAML::createObjectNode);
        JsonNode filePreset = fileTree.remove("preset");
        String presetName = preset.orElse(filePreset != null ? filePreset.asText() : "quick-vae");
        ObjectNode tree = presetTree(presetName);
        String source = file.map(Path::toString).orElse("config");
        merge(tree, fileTree, source, "");
        applyOverrides(tree, overrides);
        try {
            return YAML.treeToValue(tree, ModelConfig.class);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw new IllegalArgumentException("invalid config: " + invalid.getMessage(), e);
            }
            // Flags are typed and every preset is pinned by a test, so a value of the wrong type came from the file.
            throw new IllegalArgumentException(source + ": " + typeProblem(e, tree), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid config: " + e.getOriginalMessage(), e);
        }
    }

    /** "field 'latentDim' must be a whole number, got 3.7", from where the mapping failed in the tree. */
    private static String typeProblem(JsonMappingException e, JsonNode tree) {
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
                : e.getCause() instanceof InputCoercionException coercion ? coercion.getTargetType() : null;
        if (target == null || e.getPath().isEmpty()) {
            return e.getOriginalMessage();
        }
        StringBuilder field = new StringBuilder();
        JsonNode node = tree;
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(step.getFieldName());
                node = node == null ? null : node.get(step.getFieldName());
            } else {
                field.append('[').append(step.getIndex()).append(']');
                node = node == null ? null : node.get(step.getIndex());
            }
        }
        String got = node == null || node.isNull() ? "nothing" : node.toString();
        return "field '" + field + "' must be " + expected(target, node) + ", got " + got;
    }

    private static String expected(Class<?> target, JsonNode node) {
        if (target == int.class || target == Integer.class) {
            return node != null && node.isIntegralNumber() ? "a whole number no larger than " + Integer.MAX_VALUE : "a whole number";
        }
        if (target == long.class || target == Long.class) {
            return "a whole number";
        }
        if (target == double.class || target == Double.class) {
            return "a number";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(target)) {
            return "a list";
        }
        return "a mapping of fields";
    }

    /** The config as YAML, as saved in the run folder and beside the model. */
    public static String toYaml(ModelConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A preset's fields: its YAML laid over the preset it names, if it names one, the way a config
     * file is laid over its preset; a preset that names none gives every field.
     */
    private static ObjectNode presetTree(String name) {
        String source = "preset " + name;
        ObjectNode tree = parseYaml(source, Presets.yaml(name));
        JsonNode base = tree.remove("preset");
        if (base == null) {
            return tree;
        }
        ObjectNode merged = presetTree(base.asText());
        merge(merged, tree, source, "");
        return merged;
    }

    private static ObjectNode readFile(Path file) {
        try {
            return parseYaml(file.toString(), Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": config file does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read config (" + FileProblems.reason(e) + ")", e);
        }
    }

    private static ObjectNode parseYaml(String source, String yaml) {
        try {
            JsonNode tree = YAML.readTree(yaml);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return YAML.createObjectNode();
            }
            if (!tree.isObject()) {
                throw new IllegalArgumentException(source + ": config must be a YAML mapping of fields");
            }
            return (ObjectNode) tree;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": config does not parse as YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
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
        set.accept(hp, Map.entry("precision", o.precision()));
    }
}
