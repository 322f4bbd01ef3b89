package dev.shapesvae.server.v2.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shapesvae.server.ApiException;
import dev.shapesvae.server.v2.InferInput;
import dev.shapesvae.server.v2.InferRequest;
import dev.shapesvae.server.v2.TensorValues;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A REST inference request body: JSON, or, with the binary tensor data extension, a JSON header of
 * {@code Inference-Header-Content-Length} bytes followed by the inputs' raw values, one block per
 * input that gives {@code parameters.binary_data_size}, in the order of {@code inputs}. Says which
 * outputs the client wants back as binary data.
 */
record InferBody(InferRequest request, BinaryOutputs binaryOutputs) {
    /** The header that gives the JSON part's length in bytes, in requests and responses. */
    static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    static InferBody parse(JsonMapper json, @Nullable byte[] body, @Nullable String headerLength) {
        byte[] bytes = body == null ? new byte[0] : body;
        int jsonLength = headerLength == null ? bytes.length : jsonLength(headerLength, bytes.length);
        JsonNode root = JsonBody.parse(json, new String(bytes, 0, jsonLength, StandardCharsets.UTF_8)).root();
        ByteBuffer binary = ByteBuffer.wrap(bytes, jsonLength, bytes.length - jsonLength);

        List<InferInput> inputs = new ArrayList<>();
        JsonNode inputsNode = root.path("inputs");
        if (!inputsNode.isMissingNode() && !inputsNode.isArray()) {
            throw ApiException.badRequest("'inputs' must be an array of tensors");
        }
        for (int i = 0; i < inputsNode.size(); i++) {
            inputs.add(input(inputsNode.get(i), "inputs[" + i + "]", binary));
        }
        if (binary.hasRemaining()) {
            throw ApiException.badRequest("the body has " + binary.remaining() + " bytes of binary data that no input's"
                    + " parameters.binary_data_size accounts for");
        }
        List<String> outputs = new ArrayList<>();
        Map<String, Boolean> binaryOutputs = new HashMap<>();
        JsonNode outputsNode = root.path("outputs");
        if (!outputsNode.isMissingNode() && !outputsNode.isNull() && !outputsNode.isArray()) {
            throw ApiException.badRequest("'outputs' must be an array of {\"name\": ...}");
        }
        for (int i = 0; i < outputsNode.size(); i++) {
            JsonNode output = outputsNode.get(i);
            String name = output.path("name").asText("");
            outputs.add(name);
            JsonNode parameters = output.path("parameters");
            if (parameters.has("classification")) {
                throw ApiException.badRequest("outputs[" + i + "].parameters.classification: this server has no classification models");
            }
            if (parameters.has("binary_data")) {
                binaryOutputs.put(name, JsonBody.bool(parameters.get("binary_data"), "outputs[" + i + "].parameters.binary_data"));
            }
        }
        JsonNode id = root.get("id");
        boolean binaryByDefault = root.path("parameters").has("binary_data_output")
                && JsonBody.bool(root.path("parameters").get("binary_data_output"), "parameters.binary_data_output");
        return new InferBody(new InferRequest(id == null || id.isNull() ? null : id.asText(), inputs, outputs),
                new BinaryOutputs(binaryByDefault, binaryOutputs));
    }

    private static int jsonLength(String header, int bodyLength) {
        if (!header.trim().matches("[0-9]{1,10}") || Long.parseLong(header.trim()) > bodyLength) {
            throw ApiException.badRequest(HEADER_LENGTH + " is '" + header + "'; it must be the length in bytes of the JSON"
                    + " that starts the body, between 0 and the body's " + bodyLength + " bytes");
        }
        return Integer.parseInt(header.trim());
    }

    private static InferInput input(JsonNode tensor, String where, ByteBuffer binary) {
        if (!tensor.isObject()) {
            throw ApiException.badRequest(where + " must be a tensor: {\"name\", \"datatype\", \"shape\", \"data\"}");
        }
        JsonNode shapeNode = tensor.path("shape");
        List<Long> shape = new ArrayList<>();
        for (JsonNode dim : shapeNode) {
            shape.add(dim.isIntegralNumber() && dim.canConvertToLong() ? dim.asLong() : null);
        }
        boolean integral = shapeNode.isArray() && !shape.contains(null);
        JsonNode size = tensor.path("parameters").get("binary_data_size");
        TensorValues values;
        if (size == null) {
            values = new JsonValues(tensor.get("data"), where + ".data");
        } else {
            if (!size.isIntegralNumber() || !size.canConvertToInt() || size.asInt() < 0) {
                throw ApiException.badRequest(where + ".parameters.binary_data_size must be a number of bytes, got " + size);
            }
            if (tensor.has("data")) {
                throw ApiException.badRequest(where + " has both 'data' and parameters.binary_data_size; give its values one way");
            }
            if (size.asInt() > binary.remaining()) {
                throw ApiException.badRequest(where + ".parameters.binary_data_size is " + size.asInt() + " but only " + binary.remaining()
                        + " bytes of binary data are left in the body");
            }
            ByteBuffer block = binary.slice().limit(size.asInt());
            binary.position(binary.position() + size.asInt());
            values = TensorValues.raw(block, where + " binary data");
        }
        return new InferInput(tensor.path("name").asText(""), tensor.path("datatype").asText(""), integral ? shape : null,
                shapeNode.isMissingNode() ? "no shape" : shapeNode.toString(), values);
    }

}
