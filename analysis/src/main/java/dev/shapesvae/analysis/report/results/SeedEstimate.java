package dev.shapesvae.analysis.report.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shapesvae.analysis.metrics.Estimate;
import java.util.Arrays;
import java.util.List;

/**
 * A metric repeated over seeds: the mean, the 95 % t interval for it, and the value of each seed.
 * One seed gives no interval, so {@code low95} and {@code high95} are then absent (null here).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedEstimate(double mean, Double low95, Double high95, List<Double> values) {
    public SeedEstimate {
        if ((low95 == null) != (high95 == null)) {
            throw new IllegalArgumentException("an interval needs both ends, got low95 " + low95 + " and high95 " + high95);
        }
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an estimate needs at least one value");
        }
    }

    /** The estimate as the report gives it. */
    public static SeedEstimate of(Estimate estimate) {
        boolean interval = !Double.isNaN(estimate.low());
        return new SeedEstimate(estimate.mean(), interval ? estimate.low() : null, interval ? estimate.high() : null,
                Arrays.stream(estimate.values()).boxed().toList());
    }
}
