package dev.shapesvae.server;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation that needs the admin token ({@link AdminAccess}), for the OpenAPI document:
 * its security requirement and its 401 and 403 refusals.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@SecurityRequirement(name = ShapesServer.ADMIN_TOKEN)
@ApiResponse(responseCode = "401", description = "No admin token, or a wrong one",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "The server runs without an admin token, so the admin endpoints are off",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
public @interface AdminOnly {
}
