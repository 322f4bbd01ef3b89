package dev.shapesvae.analysis.report.results;

import dev.shapesvae.analysis.study.GenerativeMetrics;

/**
 * The generative rows of Table I for one model, each over the study's seeds (see
 * {@link GenerativeMetrics} for what each measures).
 *
 * @param coverageReportForm marked images over the 8002 entries, the report's form
 * @param klReportFormBits the report's KL over entries
 * @param klFromUniformBits D_KL(q, p) over distinct images
 * @param jensenShannonBits JS divergence of q and the uniform p over distinct images
 */
public record GenerativeResults(SeedEstimate nearestNeighbourDistance, SeedEstimate coverage, SeedEstimate coverageReportForm,
        SeedEstimate klReportFormBits, SeedEstimate klFromUniformBits, SeedEstimate jensenShannonBits) {

    public static GenerativeResults of(GenerativeMetrics g) {
        return new GenerativeResults(SeedEstimate.of(g.nearestNeighbourDistance()), SeedEstimate.of(g.coverage()),
                SeedEstimate.of(g.coverageReport()), SeedEstimate.of(g.klReport()), SeedEstimate.of(g.klFromUniform()),
                SeedEstimate.of(g.jensenShannon()));
    }
}
