package dev.shapesvae.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an exported graph says about itself, after Tribuo's ONNX export: the graph's name, the
 * model version, a description, and provenance in {@code metadata_props}, so that a file found
 * alone, or loaded by another tool, still says what it is and how it was made.
 *
 * @param graphName the graph's name, such as {@code paper-vae-encoder}
 * @param modelVersion the version of the model the graph belongs to (ONNX's {@code model_version})
 * @param docString a human-readable description of the model
 * @param properties the {@code metadata_props}, written in key order
 */
public record ModelMetadata(String graphName, long modelVersion, String docString, Map<String, String> properties) {
    public ModelMetadata {
        if (graphName == null || graphName.isBlank()) {
            throw new IllegalArgumentException("a graph needs a name");
        }
        if (modelVersion <= 0) {
            throw new IllegalArgumentException("model version must be positive, got " + modelVersion);
        }
        if (docString == null) {
            throw new IllegalArgumentException("doc string is missing");
        }
        properties = Map.copyOf(properties);
    }

    /**
     * The model with this metadata in place of what it had; its producer, opset, graph structure
     * and weights are unchanged.
     *
     * @throws IllegalArgumentException if the bytes are not an ONNX model
     */
    public byte[] applyTo(byte[] onnx) {
        OnnxMl.ModelProto.Builder model = OnnxModels.parse(onnx).toBuilder()
                .setModelVersion(modelVersion)
                .setDocString(docString)
                .clearMetadataProps();
        model.getGraphBuilder().setName(graphName);
        new TreeMap<>(properties).forEach((key, value) ->
                model.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build().toByteArray();
    }
}
