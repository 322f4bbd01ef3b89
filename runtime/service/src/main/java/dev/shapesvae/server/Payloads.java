package dev.shapesvae.server;

import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.NearestShape;
import dev.shapesvae.repository.TrainingSummary;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** The JSON bodies the REST API answers with. */
final class Payloads {
    private Payloads() {
    }

    /** {@code samplers}: the newest version's, the prior first, as the sample request's {@code sampler} takes them. */
    record ModelSummary(String name, List<Integer> versions, int newest, String kind, int latentDim, List<String> samplers,
            TrainingSummary training) {
    }

    record Images(String model, int version, float[][] images, List<NearestShape.Label> labels) {
    }

    record Latents(String model, int version, float[][] z, @Nullable float[][] logvar) {
    }

    record Reloaded(java.util.Map<String, List<Integer>> models, List<String> problems) {
    }

    static float[][] rows(FloatMatrix m) {
        float[][] rows = new float[m.rows()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = m.row(i);
        }
        return rows;
    }
}
