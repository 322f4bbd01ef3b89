package dev.shapesvae.server.v2.rest;

import java.util.Map;

/**
 * Which outputs go back as binary data (the binary tensor data extension): those whose request
 * says {@code "binary_data": true}, and, for outputs that say nothing, all of them when the request
 * has {@code "binary_data_output": true}.
 */
record BinaryOutputs(boolean byDefault, Map<String, Boolean> perOutput) {
    BinaryOutputs {
        perOutput = Map.copyOf(perOutput);
    }

    boolean binary(String output) {
        return perOutput.getOrDefault(output, byDefault);
    }
}
