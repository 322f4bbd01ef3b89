package dev.shapesvae.repository;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The JSON files of a bundle ({@code model.json}, a sampler's file), read strictly: an unknown
 * field, a missing one or a null where a number belongs is an error, so that a typo never passes
 * silently. Every problem becomes a {@link BundleException} that names the file and the field.
 */
public final class BundleJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private BundleJson() {
    }

    /** A value as indented JSON with a final newline. */
    public static String toJson(Object value) {
        return write(MAPPER.valueToTree(value));
    }

    /** A value as a tree, for a writer that leaves fields out (see {@link OptionalFields}). */
    static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A tree as indented JSON with a final newline. */
    static String write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + tree, e);
        }
    }

    /** A value as JSON on one line, as the ONNX files' metadata carries parts of the manifest. */
    static String compactJson(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value, e);
        }
    }

    /**
     * Binds the bytes of a bundle file (UTF-8 JSON); {@code source} names the file and {@code what}
     * its kind ("manifest", "sampler") in messages.
     */
    public static <T> T read(byte[] contents, Path source, Class<T> type, String what) {
        return bind(parse(text(contents, source), source), type, source, what);
    }

    /** The file's text, or the problem naming it. */
    static String readString(Path file) {
        return text(BundleFileBytes.read(file), file);
    }

    /** The bytes as UTF-8 text; bytes that are not UTF-8 are an error rather than replaced. */
    private static String text(byte[] contents, Path source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(contents)).toString();
        } catch (CharacterCodingException e) {
            throw new BundleException(source, "cannot read: not UTF-8 text (" + e + ")", e);
        }
    }

    /** The text as a JSON object; syntax is checked first, so a broken file is reported as such rather than as a wrong field. */
    static JsonNode parse(String json, Path source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BundleException(source, "malformed JSON: " + e.getOriginalMessage() + at(e.getLocation()), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new BundleException(source, "malformed JSON: expected an object");
        }
        return tree;
    }

    /** The tree as a {@code type}, every problem named by its field. */
    static <T> T bind(JsonNode tree, Class<T> type, Path source, String what) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new BundleException(source, describe(e, what), e);
        }
    }

    private static String describe(JsonProcessingException failure, String what) {
        if (!(failure instanceof JsonMappingException e)) {
            return "invalid " + what + ": " + failure.getOriginalMessage();
        }
        String field = e.getPath().isEmpty() ? "" : " (field " + fieldPath(e) + ")";
        Throwable cause = e.getCause();
        String problem = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
        return "invalid " + what + ": " + problem + field;
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
