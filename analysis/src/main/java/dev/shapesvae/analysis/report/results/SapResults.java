package dev.shapesvae.analysis.report.results;

import dev.shapesvae.analysis.metrics.SeparatedAttributePredictability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SAP of one model's code (see {@link SeparatedAttributePredictability}): SVMs fitted on the
 * entries of training images, scored on those of held-out images.
 *
 * @param perFactor the gap between the two best dimensions, per factor
 * @param accuracy [dimension][factor]: held-out accuracy of the SVM on that dimension alone
 */
public record SapResults(double score, Map<String, Double> perFactor, List<List<Double>> accuracy) {
    public SapResults {
        perFactor = Copies.ordered("perFactor", perFactor);
        accuracy = Copies.matrix("accuracy", accuracy);
    }

    public static SapResults of(SeparatedAttributePredictability sap, List<String> factors) {
        Map<String, Double> perFactor = new LinkedHashMap<>();
        for (int f = 0; f < factors.size(); f++) {
            perFactor.put(factors.get(f), sap.perFactor()[f]);
        }
        return new SapResults(sap.score(), perFactor, Copies.nanAsNull(sap.accuracy()));
    }
}
