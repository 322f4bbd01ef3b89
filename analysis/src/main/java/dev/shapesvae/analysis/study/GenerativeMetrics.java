package dev.shapesvae.analysis.study;

import dev.shapesvae.analysis.metrics.Estimate;

/**
 * The generative metrics of one source of images (a model's sampler or the perfect generator),
 * each over several seeds.
 *
 * @param coverage marked distinct images over all distinct images
 * @param coverageReport marked images over the 8002 entries, the report's form
 * @param coverageTrain marked training images over the training images of the model's split
 * @param coverageHeldOut marked held-out (validation) images over the held-out images: images the model never saw
 * @param klReport the report's KL over entries, dominated by entries never hit
 * @param klFromUniform D_KL(q, p) over distinct images
 * @param jensenShannon JS divergence of q and the uniform p over distinct images
 */
public record GenerativeMetrics(Estimate nearestNeighbourDistance, Estimate coverage, Estimate coverageReport, Estimate coverageTrain,
        Estimate coverageHeldOut, Estimate klReport, Estimate klFromUniform, Estimate jensenShannon) {
}
