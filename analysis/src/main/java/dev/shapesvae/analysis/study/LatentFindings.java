package dev.shapesvae.analysis.study;

import dev.shapesvae.analysis.metrics.Dci;
import dev.shapesvae.analysis.metrics.LatentCorrelations;
import dev.shapesvae.analysis.metrics.MutualInformationGap;
import dev.shapesvae.analysis.metrics.SeparatedAttributePredictability;
import dev.shapesvae.inference.FloatMatrix;

/**
 * What the latent layer carries: information rate per dimension, correlations with the features,
 * how disentangled the code is (MIG, DCI, SAP, each against the factors), and the latent code of
 * every entry (the VAE's mean) that they were computed from.
 *
 * <p>MIG, DCI and SAP give one figure per factor in {@link ModelAnalyzer#FACTORS}' order: shape,
 * size, x, y.
 *
 * @param dci fitted on the entries whose image is a training image of the model's split, tested on the held-out ones
 * @param sap as {@code dci}
 */
public record LatentFindings(double[] ratePerDimension, double rate, double[] reportRatePerDimension, double reportRate,
        LatentCorrelations correlations, MutualInformationGap mig, Dci dci, SeparatedAttributePredictability sap,
        FloatMatrix entryLatents) {
}
