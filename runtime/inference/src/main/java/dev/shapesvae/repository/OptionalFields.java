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
 * a field added after bundles were written without them is listed here: the reader puts its absent
 * value in before binding, and the writer leaves the field out while it holds that value, so a
 * bundle that uses no newer feature still reads in older code. A bundle that does use one (a
 * stored sampler, which {@code trainer fit} stores by default, or bf16) does not: older code refuses
 * the unknown field and skips the version as broken. Adding a field this way keeps the format
 * version (see {@link ModelManifest#FORMAT_VERSION}).
 *
 * <p>To add one: give the record component its type, and add its path and absent value below; the
 * path may reach into nested objects, such as {@code /config/hyperparameters/warmupEpochs}.
 */
final class OptionalFields {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<JsonPointer, Field> FIELDS = fields();

    /**
     * An optional field's absent value, and whether the writer here leaves the field out while it
     * holds it or the record's own serialisation already does.
     */
    private record Field(JsonNode absent, boolean leftOutHere) {
    }

    private OptionalFields() {
    }

    private static Map<JsonPointer, Field> fields() {
        Map<JsonPointer, Field> fields = new LinkedHashMap<>();
        // Samplers stored besides the prior (since the gmm sampler): none.
        fields.put(JsonPointer.compile("/samplers"), new Field(NODES.arrayNode(), true));
        // The version this one copies (since trainer fit-sampler): none, it was trained itself.
        fields.put(JsonPointer.compile("/derivedFrom"), new Field(NODES.nullNode(), true));
        // The training step's arithmetic (since mixed precision): float32. Only filled in here:
        // Hyperparameters leaves an fp32 precision out itself (@JsonInclude), because the
        // hyperparameters are also written without the manifest, to config.yaml and the ONNX files'
        // metadata, so the manifest's tree never holds it.
        fields.put(JsonPointer.compile("/config/hyperparameters/precision"), new Field(NODES.textNode(Precision.FP32.label()), false));
        return Map.copyOf(fields);
    }

    /** Puts the absent value of every listed field that {@code manifest} lacks into it. */
    static JsonNode fillIn(JsonNode manifest) {
        FIELDS.forEach((path, field) -> {
            if (manifest.at(path.head()) instanceof ObjectNode parent && !parent.has(path.last().getMatchingProperty())) {
                parent.set(path.last().getMatchingProperty(), field.absent().deepCopy());
            }
        });
        return manifest;
    }

    /** Removes every field left out here that holds its absent value from {@code manifest}. */
    static JsonNode leaveOut(JsonNode manifest) {
        FIELDS.forEach((path, field) -> {
            if (field.leftOutHere() && manifest.at(path.head()) instanceof ObjectNode parent
                    && field.absent().equals(parent.get(path.last().getMatchingProperty()))) {
                parent.remove(path.last().getMatchingProperty());
            }
        });
        return manifest;
    }
}
