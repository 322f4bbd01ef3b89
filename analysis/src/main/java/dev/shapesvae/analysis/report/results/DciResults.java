package dev.shapesvae.analysis.report.results;

import dev.shapesvae.analysis.metrics.Dci;
import java.util.List;

/**
 * DCI of one model's code (see {@link Dci}): trees fitted on the entries of training images,
 * tested on those of held-out images.
 *
 * @param importance [dimension][factor], each factor's column summing to 1
 */
public record DciResults(double disentanglement, double completeness, double informativenessTrain, double informativenessTest,
        List<List<Double>> importance) {
    public DciResults {
        importance = Copies.matrix("importance", importance);
    }

    public static DciResults of(Dci dci) {
        return new DciResults(dci.disentanglement(), dci.completeness(), dci.informativenessTrain(), dci.informativenessTest(),
                Copies.nanAsNull(dci.importance()));
    }
}
