package dev.shapesvae.server.v2.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shapesvae.server.ApiException;
import dev.shapesvae.server.v2.Datatype;
import dev.shapesvae.server.v2.TensorValues;

/** A tensor's {@code data} in a JSON request: numbers, flat or nested in row-major order. */
record JsonValues(JsonNode data, String where) implements TensorValues {
    @Override
    public float[] floats(Datatype datatype) {
        if (data == null || data.isNull()) {
            throw ApiException.badRequest(where + " is missing (or give the values as binary data with parameters.binary_data_size)");
        }
        float[] values = new float[count(data)];
        fill(data, values, 0);
        return values;
    }

    private static int count(JsonNode node) {
        if (!node.isArray()) {
            return 1;
        }
        int n = 0;
        for (JsonNode child : node) {
            n += count(child);
        }
        return n;
    }

    private int fill(JsonNode node, float[] values, int at) {
        if (!node.isArray()) {
            values[at] = number(node, where + "[" + at + "]");
            return at + 1;
        }
        int next = at;
        for (JsonNode child : node) {
            next = fill(child, values, next);
        }
        return next;
    }

    /** The value as a float; whether it is finite is checked with the tensor's other values, whatever their encoding. */
    private static float number(JsonNode value, String where) {
        if (!value.isNumber()) {
            throw ApiException.badRequest(where + " is not a number: " + value);
        }
        return (float) value.doubleValue();
    }
}
