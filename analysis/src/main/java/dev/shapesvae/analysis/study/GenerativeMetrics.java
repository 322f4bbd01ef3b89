package dev.shapesvae.analysis.study;

import dev.shapesvae.analysis.metrics.Estimate;

/**
 * The generative metrics of one model, each over several seeds.
 *
 * @param coverage marked distinct images over all distinct images
 * @param coverageReport marked images over the 8002 entries, the report's form
 * @param klReport the report's KL over entries, dominated by entries never hit
 * @param klFromUniform D_KL(q, p) over distinct images
 * @param jensenShannon JS divergence of q and the uniform p over distinct images
 */
public record GenerativeMetrics(Estimate nearestNeighbourDistance, Estimate coverage, Estimate coverageReport,
        Estimate klReport, Estimate klFromUniform, Estimate jensenShannon) {
}
