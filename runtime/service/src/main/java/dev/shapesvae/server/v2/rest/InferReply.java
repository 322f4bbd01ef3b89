package dev.shapesvae.server.v2.rest;

import dev.shapesvae.server.v2.InferResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A REST inference response: JSON, or, when any output goes back as binary data, the JSON header
 * (those outputs give {@code parameters.binary_data_size} instead of {@code data}) followed by
 * their little-endian FP32 values in the order of {@code outputs}, with the header's length in
 * {@code Inference-Header-Content-Length}.
 */
final class InferReply {
    private InferReply() {
    }

    /** The JSON body, or the header of a binary one. */
    @Schema(name = "InferenceResponse")
    record Body(String model_name, String model_version, @Nullable String id, List<Tensor> outputs) {
    }

    /** An output tensor with its values in {@code data}, or after the header when {@code parameters.binary_data_size} is given. */
    @Schema(name = "InferenceOutput")
    record Tensor(String name, String datatype, List<Long> shape,
            @Schema(description = "binary_data_size: the bytes of this output after the JSON, when it comes as binary data")
            @Nullable Map<String, Object> parameters,
            @Schema(description = "The values in row-major order, unless they come as binary data") @Nullable float[] data) {
    }

    static HttpResponse<?> of(InferResult result, BinaryOutputs binary, JsonMapper json) {
        List<Tensor> tensors = new ArrayList<>();
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        for (InferResult.Output output : result.outputs()) {
            if (binary.binary(output.name())) {
                byte[] bytes = output.littleEndian();
                values.writeBytes(bytes);
                tensors.add(new Tensor(output.name(), output.datatype(), output.shape(), Map.of("binary_data_size", bytes.length), null));
            } else {
                tensors.add(new Tensor(output.name(), output.datatype(), output.shape(), null, output.data()));
            }
        }
        Body body = new Body(result.modelName(), result.modelVersion(), result.id(), tensors);
        if (values.size() == 0) {
            return HttpResponse.ok(body);
        }
        try {
            byte[] header = json.writeValueAsBytes(body);
            ByteArrayOutputStream all = new ByteArrayOutputStream(header.length + values.size());
            all.writeBytes(header);
            values.writeTo(all);
            return HttpResponse.ok(all.toByteArray()).contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                    .header(InferBody.HEADER_LENGTH, Integer.toString(header.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
