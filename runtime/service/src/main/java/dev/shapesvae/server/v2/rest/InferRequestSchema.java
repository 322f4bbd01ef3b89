package dev.shapesvae.server.v2.rest;

import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * The v2 inference request as the OpenAPI document describes it (the JSON part, when the body
 * also carries binary data). {@link InferBody} reads it.
 */
final class InferRequestSchema {
    private InferRequestSchema() {
    }

    /** Puts the request's schema on the parameter that receives the body. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @RequestBody(required = true, description = "The JSON request, or the JSON header followed by binary tensor data", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Request.class)),
        @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = "string", format = "binary",
                description = "Inference-Header-Content-Length bytes of InferenceRequest JSON, then the inputs' binary data"))})
    @interface Body {
    }

    @Schema(name = "InferenceRequest", description = "An inference request of the Open Inference Protocol; with the binary tensor data"
            + " extension this JSON is followed by the inputs' bytes and its length is in Inference-Header-Content-Length")
    record Request(
            @Schema(description = "Repeated in the response") String id,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) RequestParameters parameters,
            @Schema(description = "One tensor: 'image' [N, 784] for an encoder, 'z' [N, latent size] for a decoder",
                    requiredMode = Schema.RequiredMode.REQUIRED) List<Input> inputs,
            @Schema(description = "The outputs wanted; all of them when left out") List<Output> outputs) {
    }

    @Schema(name = "InferenceRequestParameters")
    record RequestParameters(
            @Schema(description = "Outputs that do not say otherwise come back as binary data", defaultValue = "false")
            Boolean binary_data_output) {
    }

    @Schema(name = "InferenceInput")
    record Input(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"FP32", "FP16", "FP64"},
                    description = "FP32 natively; FP16 and FP64 are converted to FP32") String datatype,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "[N, width]") List<Long> shape,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) InputParameters parameters,
            @Schema(description = "The values in row-major order, flat or nested; left out when they come as binary data")
            List<Object> data) {
    }

    @Schema(name = "InferenceInputParameters")
    record InputParameters(
            @Schema(description = "Bytes of this input's little-endian values after the JSON, in the order of inputs")
            Integer binary_data_size) {
    }

    @Schema(name = "InferenceRequestedOutput")
    record Output(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "logits, probs (decoders); mean, logvar or z (encoders)")
            String name, @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) OutputParameters parameters) {
    }

    @Schema(name = "InferenceRequestedOutputParameters")
    record OutputParameters(@Schema(description = "This output comes back as binary data after the JSON") Boolean binary_data) {
    }
}
