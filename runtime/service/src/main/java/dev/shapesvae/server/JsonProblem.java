package dev.shapesvae.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What is wrong with a request body that the JSON mapper could not read, said as the service's
 * other refusals say it: a value of the wrong kind by its path, what it must be and what came
 * ({@code 'count' must be an integer, got "many"}, {@code z[0][2] is not a number: "x"}); a field
 * the body does not have, with those it has ({@code unknown field 'smapler' (fields: count, seed,
 * temperature, label, sampler)}); anything else as malformed JSON with its line and column.
 */
public final class JsonProblem {
    /** The longest piece of a sent string that a message repeats. */
    private static final int MAX_ECHO = 40;

    private JsonProblem() {
    }

    /**
     * The refusal's message for a body that could not be read: {@code e} is Jackson's exception, or
     * one of Micronaut's that wraps it.
     */
    public static String describe(Throwable e) {
        JsonProcessingException json = jackson(e);
        if (json == null) {
            return "malformed JSON: " + e.getMessage();
        }
        if (json instanceof UnrecognizedPropertyException unknown) {
            return "unknown field " + FieldPath.of(steps(unknown)) + " (fields: " + String.join(", ", knownFields(unknown)) + ")";
        }
        if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            Class<?> type = failedType(mapping);
            if (type != null) {
                return FieldPath.of(steps(mapping)) + " " + expectation(type, mapping) + sent(mapping);
            }
        }
        // A mismatch at the top: an array or a bare value for the body, a second value after it, or nothing.
        String problem = json instanceof MismatchedInputException ? "the body must be one JSON object" : json.getOriginalMessage();
        JsonLocation at = json.getLocation();
        return "malformed JSON: " + problem + (at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }

    /** Whether {@code e} is, or wraps, the JSON mapper's failure to read a body. */
    public static boolean isJson(Throwable e) {
        return jackson(e) != null;
    }

    private static JsonProcessingException jackson(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    /** The type of the value that could not be read, or null when Jackson does not say. */
    private static Class<?> failedType(JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
                : e.getCause() instanceof InputCoercionException coercion ? coercion.getTargetType() : null;
        Object container = e.getPath().get(e.getPath().size() - 1).getFrom();
        // For a value inside a float[], Jackson names the array as the target; the value is one of its elements.
        if (target != null && target.isArray() && target.getComponentType().isPrimitive() && target.isInstance(container)) {
            return target.getComponentType();
        }
        return target;
    }

    /** The fields of the object that had the unknown one: a record's in their declared order, as the OpenAPI document lists them. */
    private static List<String> knownFields(UnrecognizedPropertyException e) {
        Class<?> type = e.getReferringClass();
        if (type != null && type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
        }
        return e.getKnownPropertyIds() == null ? List.of() : e.getKnownPropertyIds().stream().map(Objects::toString).sorted().toList();
    }

    private static List<Object> steps(JsonMappingException e) {
        List<Object> steps = new ArrayList<>();
        for (JsonMappingException.Reference step : e.getPath()) {
            steps.add(step.getFieldName() != null ? step.getFieldName() : Integer.valueOf(step.getIndex()));
        }
        return steps;
    }

    private static String expectation(Class<?> target, JsonMappingException e) {
        if (e.getCause() instanceof InputCoercionException) {
            return "is out of range for a " + (target == int.class || target == Integer.class ? "32" : "64") + "-bit integer, got ";
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
            return "must be an integer, got ";
        }
        if (target == float.class || target == Float.class || target == double.class || target == Double.class) {
            return "is not a number: ";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "must be true or false, got ";
        }
        if (target == String.class) {
            return "must be a string, got ";
        }
        if (target.isArray()) {
            return "must be an array of " + (target.getComponentType().isArray() ? "rows" : "numbers") + ", got ";
        }
        return "cannot be read as " + target.getSimpleName() + ", got ";
    }

    /** What came instead: the value as sent, or what kind of value it was. */
    private static String sent(JsonMappingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser) || parser.currentToken() == null) {
            return e instanceof InvalidFormatException format ? String.valueOf(format.getValue()) : "another kind of value";
        }
        JsonToken token = parser.currentToken();
        if (token.asString() != null) {
            return token == JsonToken.START_ARRAY ? "an array" : token == JsonToken.START_OBJECT ? "an object" : token.asString();
        }
        // The parser is closed by now; it keeps the text of its last token only if it was read,
        // as Jackson's own message about it did (jackson-databind#2635).
        String text;
        try {
            text = parser.getText();
        } catch (IOException unreadable) {
            text = null;
        }
        if (token == JsonToken.VALUE_STRING) {
            return text == null ? "a string" : quoted(text);
        }
        return text == null || text.isEmpty() ? "a number" : text;
    }

    private static String quoted(String text) {
        return "\"" + (text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text) + "\"";
    }
}
