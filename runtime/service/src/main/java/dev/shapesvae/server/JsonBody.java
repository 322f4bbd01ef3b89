package dev.shapesvae.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shapesvae.inference.FloatMatrix;

/**
 * A request body parsed as JSON, with readers that check each field and name it in the error:
 * {@code images[2] has 700 values, expected 784}. Numbers must be finite; a number too large
 * for a float (1e400) is rejected, not turned into infinity. Trailing content after the object
 * and repeated keys are refused.
 */
public final class JsonBody {
    // Trailing garbage or a repeated key means the client sent something other than it thinks.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    public static JsonBody parse(String body) {
        if (body == null || body.isBlank()) {
            return new JsonBody(MAPPER.createObjectNode());
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            if (!root.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            return new JsonBody(root);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
    }

    public JsonNode root() {
        return root;
    }

    int intField(String name, int fallback) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ApiException.badRequest("'" + name + "' must be an integer, got " + node);
        }
        return node.intValue();
    }

    long longField(String name, long fallback) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiException.badRequest("'" + name + "' must be an integer, got " + node);
        }
        return node.longValue();
    }

    double doubleField(String name, double fallback) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw ApiException.badRequest("'" + name + "' must be a finite number, got " + node);
        }
        return node.doubleValue();
    }

    String textField(String name, String fallback) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("'" + name + "' must be a string, got " + node);
        }
        return node.textValue();
    }

    public boolean booleanField(String name, boolean fallback) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest("'" + name + "' must be true or false, got " + node);
        }
        return node.booleanValue();
    }

    /** A required array of rows, each of {@code width} finite numbers. */
    FloatMatrix matrix(String name, int width, int maxRows) {
        JsonNode node = root.get(name);
        if (node == null || !node.isArray()) {
            throw ApiException.badRequest("'" + name + "' must be an array of rows of " + width + " numbers");
        }
        if (node.isEmpty()) {
            throw ApiException.badRequest("'" + name + "' is empty");
        }
        if (node.size() > maxRows) {
            throw ApiException.badRequest("'" + name + "' has " + node.size() + " rows, more than the limit of " + maxRows);
        }
        float[] data = new float[node.size() * width];
        for (int i = 0; i < node.size(); i++) {
            JsonNode row = node.get(i);
            if (!row.isArray() || row.size() != width) {
                throw ApiException.badRequest(name + "[" + i + "] has " + (row.isArray() ? row.size() + " values" : "no array")
                        + ", expected " + width);
            }
            for (int j = 0; j < width; j++) {
                data[i * width + j] = finite(row.get(j), name + "[" + i + "][" + j + "]");
            }
        }
        return new FloatMatrix(node.size(), width, data);
    }

    /** A finite number that fits a float. */
    public static float finite(JsonNode value, String where) {
        if (value == null || !value.isNumber()) {
            throw ApiException.badRequest(where + " is not a number: " + value);
        }
        float f = (float) value.doubleValue();
        if (!Float.isFinite(f)) {
            throw ApiException.badRequest(where + " is not a finite float32 number: " + value);
        }
        return f;
    }
}
