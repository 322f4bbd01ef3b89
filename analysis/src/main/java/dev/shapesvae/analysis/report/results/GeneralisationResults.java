package dev.shapesvae.analysis.report.results;

import dev.shapesvae.analysis.study.Generalisation;

/**
 * Whether a sampler generates training images more readily than held-out ones (see
 * {@link Generalisation} for the rule).
 *
 * @param gap training minus held-out coverage, per seed
 * @param shortfall the mean gap as a share of the mean training coverage
 * @param verdict "generalises", "leans on its training images" or "memorises"
 */
public record GeneralisationResults(SeedEstimate gap, double shortfall, String verdict) {
    public GeneralisationResults {
        Copies.present("gap", gap);
        Copies.present("verdict", verdict);
    }

    public static GeneralisationResults of(Generalisation g) {
        return new GeneralisationResults(SeedEstimate.of(g.gap()), g.shortfall(), g.verdict().words());
    }
}
