package dev.shapesvae.analysis.study;

import dev.shapesvae.analysis.metrics.LatentCorrelations;
import dev.shapesvae.analysis.metrics.MutualInformationGap;

/**
 * What the latent layer carries: information rate per dimension, correlations with the features,
 * MIG, and the latent code of every entry (the VAE's mean) that they were computed from.
 */
public record LatentFindings(double[] ratePerDimension, double rate, double[] reportRatePerDimension, double reportRate,
        LatentCorrelations correlations, MutualInformationGap mig, java.util.List<String> migFactors,
        dev.shapesvae.inference.FloatMatrix entryLatents) {
}
