package dev.shapesvae.repository;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@code model.json}, turning every parse problem into a message that names the field. */
public final class ManifestCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ManifestCodec() {
    }

    /** The manifest as indented JSON. */
    public static String toJson(ModelManifest manifest) {
        try {
            return MAPPER.writeValueAsString(manifest) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise manifest", e);
        }
    }

    /** A part of a manifest as JSON on one line, as the ONNX files' metadata carries it. */
    static String compactJson(Object part) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(part);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + part, e);
        }
    }

    /** Parses a manifest; {@code source} names the file in error messages. */
    public static ModelManifest fromJson(String json, Path source) {
        // Syntax first, so that a broken file is reported as such rather than as a wrong field.
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BundleException(source, "malformed JSON: " + e.getOriginalMessage() + at(e.getLocation()), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new BundleException(source, "malformed JSON: expected an object");
        }
        fillOptionalFields((ObjectNode) tree);
        try {
            return MAPPER.treeToValue(tree, ModelManifest.class);
        } catch (JsonProcessingException e) {
            throw new BundleException(source, describe(e), e);
        }
    }

    /**
     * Fields added to format 1 after its first bundles were written are optional: where a manifest
     * lacks one, it reads as the value its absence means. Every other field stays required.
     */
    private static void fillOptionalFields(ObjectNode manifest) {
        if (manifest.path("config").path("hyperparameters") instanceof ObjectNode hyperparameters && !hyperparameters.has("precision")) {
            hyperparameters.put("precision", Precision.FP32.label());
        }
    }

    /** Reads and parses a manifest file. */
    public static ModelManifest read(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (NoSuchFileException e) {
            throw new BundleException(file, "missing file");
        } catch (IOException e) {
            throw new BundleException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static String describe(JsonProcessingException failure) {
        if (!(failure instanceof JsonMappingException e)) {
            return "invalid manifest: " + failure.getOriginalMessage();
        }
        String field = e.getPath().isEmpty() ? "" : " (field " + fieldPath(e) + ")";
        Throwable cause = e.getCause();
        String problem = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
        return "invalid manifest: " + problem + field;
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
