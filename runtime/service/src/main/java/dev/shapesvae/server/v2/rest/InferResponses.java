package dev.shapesvae.server.v2.rest;

import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The inference response for the OpenAPI document: JSON, or a JSON header and binary data (see {@link InferReply}). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "200", description = "The outputs; as binary data after a JSON header when any output was asked for as binary",
        headers = @Header(name = InferBody.HEADER_LENGTH, description = "Bytes of JSON at the start of a binary response",
                schema = @Schema(type = "integer")),
        content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InferReply.Body.class)),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = "string", format = "binary",
                    description = "Inference-Header-Content-Length bytes of InferenceResponse JSON, then each binary output's"
                            + " little-endian FP32 values, binary_data_size bytes each, in the order of outputs"))})
@interface InferResponses {
}
