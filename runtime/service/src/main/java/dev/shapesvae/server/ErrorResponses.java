package dev.shapesvae.server;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals every operation of a controller can answer with, for the OpenAPI document: each
 * an {@link ApiError} (see {@link ErrorHandlers}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ApiResponse(responseCode = "400", description = "A field is missing, of the wrong type or out of range; the message names it",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "404", description = "No such model, version or path",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "413", description = "The body is larger than --max-body",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "500", description = "A bug: the message gives an error id under which the server's log has the details",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
public @interface ErrorResponses {
}
