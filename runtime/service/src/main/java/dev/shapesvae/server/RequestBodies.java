package dev.shapesvae.server;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The REST request bodies as the OpenAPI document describes them. The controllers read bodies
 * through {@link JsonBody}, which checks more than a schema can say (repeated keys, trailing
 * content, numbers that do not fit a float) and names the field in its refusal.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    @Schema(name = "SampleRequest", description = "How many images to sample and how")
    record Sample(
            @Schema(description = "Images to sample, at most --max-count", minimum = "1", defaultValue = "1") Integer count,
            @Schema(description = "Seed of the latents: the same seed gives the same images (default: the clock)") Long seed,
            @Schema(description = "Spread of the latents: their standard deviation under the prior; a stored sampler's spread about its "
                    + "centres is scaled by it", minimum = "0", maximum = "100", defaultValue = "1") Double temperature,
            @Schema(description = "Also label each image with its nearest valid shape", defaultValue = "false") Boolean label,
            @Schema(description = "Where the latents come from: prior, N(0, I), or a sampler stored with the model such as gmm "
                    + "(GET /api/models lists each model's); the temperature scales its spread", defaultValue = "prior") String sampler) {
    }

    @Schema(name = "ImagesRequest", description = "Images to encode or reconstruct")
    record Images(
            @ArraySchema(arraySchema = @Schema(description = "Rows of 784 pixel values in [0, 1], row-major 28 x 28, at most --max-count rows",
                    requiredMode = Schema.RequiredMode.REQUIRED), minItems = 1)
            List<List<Float>> images) {
    }

    @Schema(name = "LatentsRequest", description = "Latents to decode")
    record Latents(
            @ArraySchema(arraySchema = @Schema(description = "Rows of the model's latent size, at most --max-count rows",
                    requiredMode = Schema.RequiredMode.REQUIRED), minItems = 1)
            List<List<Float>> z) {
    }
}
