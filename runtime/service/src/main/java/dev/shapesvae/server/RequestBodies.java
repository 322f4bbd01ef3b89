package dev.shapesvae.server;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.LatentSampler;
import io.micronaut.core.annotation.Introspected;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;

/**
 * The REST request bodies, bound from JSON with {@code @Valid @Body} and checked by their
 * constraints before a controller runs; they are also the OpenAPI document's schemas. What no
 * annotation can know is checked where it becomes known: {@code count} and the number of rows
 * against the server's {@code --max-count}, a latent row's width against the model.
 */
final class RequestBodies {
    /** The largest sampling temperature: far beyond any useful value, it keeps z and the logits well inside float range. */
    static final String MAX_TEMPERATURE = "100";
    private static final String TEMPERATURE_RANGE = "must be between 0 and " + MAX_TEMPERATURE;
    private static final String ROWS = "must be a non-empty array of rows";

    private RequestBodies() {
    }

    /** A REST request body: JSON, also when a client sends it as {@code text/plain} ({@link PlainTextJson}). */
    sealed interface Json permits Sample, Images, Latents {
    }

    /** What to sample; a field left out (or a body left empty) takes its default. */
    @Introspected
    @Schema(name = "SampleRequest", description = "How many images to sample and how")
    record Sample(
            @Schema(description = "Images to sample, at most --max-count", minimum = "1", defaultValue = "1") Integer count,
            @Schema(description = "Seed of the latents: the same seed gives the same images (default: the clock)") Long seed,
            @Schema(description = "Spread of the latents: their standard deviation under the prior; a stored sampler's spread about its "
                    + "centres is scaled by it", defaultValue = "1")
            @DecimalMin(value = "0", message = TEMPERATURE_RANGE) @DecimalMax(value = MAX_TEMPERATURE, message = TEMPERATURE_RANGE)
            Double temperature,
            @Schema(description = "Also label each image with its nearest valid shape", defaultValue = "false") Boolean label,
            @Schema(description = "Where the latents come from: prior, N(0, I), or a sampler stored with the model such as gmm "
                    + "(GET /api/models lists each model's); the temperature scales its spread", defaultValue = "prior") String sampler)
            implements Json {
        Sample {
            count = count == null ? 1 : count;
            seed = seed == null ? System.nanoTime() : seed;
            temperature = temperature == null ? 1.0 : temperature;
            label = label != null && label;
            sampler = sampler == null ? LatentSampler.PRIOR : sampler;
        }

        /** Every field at its default, for an empty body. */
        static Sample defaults() {
            return new Sample(null, null, null, null, null);
        }

        /** {@code count}, which must be between 1 and the server's {@code --max-count}. */
        int countWithin(int maxCount) {
            if (count < 1 || count > maxCount) {
                throw ApiException.badRequest("'count' must be between 1 and " + maxCount + ", got " + count);
            }
            return count;
        }
    }

    /** Images to encode or reconstruct. */
    @Introspected
    @Schema(name = "ImagesRequest", description = "Images to encode or reconstruct")
    record Images(
            @ArraySchema(arraySchema = @Schema(description = "Rows of 784 pixel values in [0, 1], row-major 28 x 28, at most --max-count rows",
                    requiredMode = Schema.RequiredMode.REQUIRED))
            @NotEmpty(message = ROWS) float[][] images) implements Json {
        /** The images as a matrix, one row an image. */
        FloatMatrix matrix(int maxCount) {
            return RequestBodies.matrix("images", images, Canvas.PIXELS, maxCount);
        }
    }

    /** Latents to decode. */
    @Introspected
    @Schema(name = "LatentsRequest", description = "Latents to decode")
    record Latents(
            @ArraySchema(arraySchema = @Schema(description = "Rows of the model's latent size, at most --max-count rows",
                    requiredMode = Schema.RequiredMode.REQUIRED))
            @NotEmpty(message = ROWS) float[][] z) implements Json {
        /** The latents as a matrix of the model's latent width. */
        FloatMatrix matrix(int latentDim, int maxCount) {
            return RequestBodies.matrix("z", z, latentDim, maxCount);
        }
    }

    /**
     * Rows as one matrix: at most {@code maxRows} of them, each of {@code width} finite values
     * ({@link FiniteInputs}). In code rather than constraints: the limit is a flag and the width
     * may be the model's, and the elements of a float[] take no annotations.
     */
    private static FloatMatrix matrix(String field, float[][] rows, int width, int maxRows) {
        if (rows.length > maxRows) {
            throw ApiException.badRequest("'" + field + "' has " + rows.length + " rows, more than the limit of " + maxRows);
        }
        float[] data = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            float[] row = rows[i];
            if (row == null || row.length != width) {
                throw ApiException.badRequest(field + "[" + i + "] has " + (row == null ? "no array" : row.length + " values")
                        + ", expected " + width);
            }
            for (int j = 0; j < width; j++) {
                FiniteInputs.require(row[j], field + "[" + i + "][" + j + "]");
            }
            System.arraycopy(row, 0, data, i * width, width);
        }
        return new FloatMatrix(rows.length, width, data);
    }
}
