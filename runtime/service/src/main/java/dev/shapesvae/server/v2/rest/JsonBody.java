package dev.shapesvae.server.v2.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shapesvae.server.ApiException;
import dev.shapesvae.server.JsonProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;

/**
 * A v2 request body as a JSON tree. The v2 bodies are walked rather than bound to records: an
 * inference body may carry binary tensor data after its JSON ({@link InferBody}), and Triton's
 * extension bodies are open maps of parameters. The tree is read by the service's JSON mapper, so
 * it is refused as the REST bodies are (application.yml: no repeated keys, nothing after the
 * value); an empty body is an empty object.
 */
record JsonBody(JsonNode root) {
    static JsonBody parse(JsonMapper json, @Nullable String body) {
        if (body == null || body.isBlank()) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        JsonNode root;
        try {
            root = json.readValue(body, Argument.of(JsonNode.class));
        } catch (IOException e) {
            // Reading a string fails only on what it holds: malformed JSON (JsonSyntaxException) or a repeated key.
            throw ApiException.badRequest(JsonProblem.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return new JsonBody(root);
    }

    /** A field that is true or false, or {@code fallback} when it is absent or null. */
    boolean booleanField(String name, boolean fallback) {
        JsonNode node = root.get(name);
        return node == null || node.isNull() ? fallback : bool(node, "'" + name + "'");
    }

    /** A value that must be true or false; {@code where} names it in the refusal. */
    static boolean bool(JsonNode node, String where) {
        if (!node.isBoolean()) {
            throw ApiException.badRequest(where + " must be true or false, got " + node);
        }
        return node.booleanValue();
    }
}
