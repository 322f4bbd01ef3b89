package dev.shapesvae.server;

import dev.shapesvae.inference.FloatMatrix;

/**
 * Refuses to send a model output that holds NaN or infinity: inputs that are each a valid float
 * can still overflow inside the network (a latent of 1e38, a huge temperature), and a client
 * should hear that, not parse NaN pixels.
 */
public final class FiniteOutputs {
    private FiniteOutputs() {
    }

    public static FloatMatrix require(FloatMatrix output, String name) {
        for (float v : output.data()) {
            if (!Float.isFinite(v)) {
                throw ApiException.badRequest("the model's '" + name + "' output is not finite for this input;"
                        + " the values given are too large for the network (use inputs of ordinary size)");
            }
        }
        return output;
    }
}
