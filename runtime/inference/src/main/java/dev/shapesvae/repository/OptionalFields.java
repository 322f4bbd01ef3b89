package dev.shapesvae.repository;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that says which fields of {@code model.json} may be absent, and what their absence
 * means. The manifest is bound strictly (a missing field is an error, see {@link BundleJson}), so
 * a field added after bundles were written without it is listed here: the reader puts its absent
 * value in before binding, and the writer leaves the field out while it holds that value, so a
 * bundle that uses no newer feature still reads in older code. Adding a field this way keeps the
 * format version (see {@link ModelManifest#FORMAT_VERSION}).
 *
 * <p>To add one: give the record component its type, and add its path and absent value below; the
 * path may reach into nested objects, such as {@code /config/hyperparameters/warmupEpochs}.
 */
final class OptionalFields {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<JsonPointer, JsonNode> ABSENT = absentValues();

    private OptionalFields() {
    }

    private static Map<JsonPointer, JsonNode> absentValues() {
        Map<JsonPointer, JsonNode> absent = new LinkedHashMap<>();
        // Samplers stored besides the prior (since the gmm sampler): none.
        absent.put(JsonPointer.compile("/samplers"), NODES.arrayNode());
        // The version this one copies (since trainer fit-sampler): none, it was trained itself.
        absent.put(JsonPointer.compile("/derivedFrom"), NODES.nullNode());
        // The training step's arithmetic (since mixed precision): float32.
        absent.put(JsonPointer.compile("/config/hyperparameters/precision"), NODES.textNode(Precision.FP32.label()));
        return Map.copyOf(absent);
    }

    /** Puts the absent value of every listed field that {@code manifest} lacks into it. */
    static JsonNode fillIn(JsonNode manifest) {
        ABSENT.forEach((path, value) -> {
            if (manifest.at(path.head()) instanceof ObjectNode parent && !parent.has(path.last().getMatchingProperty())) {
                parent.set(path.last().getMatchingProperty(), value.deepCopy());
            }
        });
        return manifest;
    }

    /** Removes every listed field that holds its absent value from {@code manifest}. */
    static JsonNode leaveOut(JsonNode manifest) {
        ABSENT.forEach((path, value) -> {
            if (manifest.at(path.head()) instanceof ObjectNode parent && value.equals(parent.get(path.last().getMatchingProperty()))) {
                parent.remove(path.last().getMatchingProperty());
            }
        });
        return manifest;
    }
}
