package dev.shapesvae.server;

/**
 * Refuses a number a request sends as model input that is not a finite float32: JSON has no NaN,
 * but a number too large for a float (1e400, or 1e39) reads as infinity, and binary tensor data
 * may hold NaN or infinity themselves. REST bodies and the Open Inference Protocol's tensors,
 * JSON or binary, go through this one check and say it in the same words.
 */
public final class FiniteInputs {
    private FiniteInputs() {
    }

    /**
     * {@code value}, when finite.
     *
     * @param where the value's place in the request, as the refusal names it ({@code z[0][2]}, {@code inputs[0].data[5]})
     * @throws ApiException 400 naming the place and the value
     */
    public static float require(float value, String where) {
        if (!Float.isFinite(value)) {
            throw ApiException.badRequest(where + " is not a finite float32 number: " + value
                    + (Float.isNaN(value) ? "" : " (a float32 is at most " + Float.MAX_VALUE + " in size)"));
        }
        return value;
    }
}
