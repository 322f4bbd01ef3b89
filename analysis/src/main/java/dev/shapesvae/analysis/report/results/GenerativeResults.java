package dev.shapesvae.analysis.report.results;

import dev.shapesvae.analysis.study.GenerativeMetrics;

/**
 * The generative rows of Table I for one source of images, each over the study's seeds (see
 * {@link GenerativeMetrics} for what each measures).
 *
 * @param coverageReportForm marked images over the 8002 entries, the report's form
 * @param coverageTrain marked training images over the training images of the model's split
 * @param coverageHeldOut marked held-out images over the held-out images, which the model never saw
 * @param klReportFormBits the report's KL over entries
 * @param klFromUniformBits D_KL(q, p) over distinct images
 * @param jensenShannonBits JS divergence of q and the uniform p over distinct images
 */
public record GenerativeResults(SeedEstimate nearestNeighbourDistance, SeedEstimate coverage, SeedEstimate coverageReportForm,
        SeedEstimate coverageTrain, SeedEstimate coverageHeldOut, SeedEstimate klReportFormBits, SeedEstimate klFromUniformBits,
        SeedEstimate jensenShannonBits) {

    public static GenerativeResults of(GenerativeMetrics g) {
        return new GenerativeResults(SeedEstimate.of(g.nearestNeighbourDistance()), SeedEstimate.of(g.coverage()),
                SeedEstimate.of(g.coverageReport()), SeedEstimate.of(g.coverageTrain()), SeedEstimate.of(g.coverageHeldOut()),
                SeedEstimate.of(g.klReport()), SeedEstimate.of(g.klFromUniform()), SeedEstimate.of(g.jensenShannon()));
    }
}
