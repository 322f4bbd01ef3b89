/**
 * The study's measures, each checked against a hand-computed case: coverage, the distribution of
 * samples, information rates, the mutual information gap, latent correlations, distances and
 * reconstruction error. Numbers in, numbers out: may depend on dataset, inference and Commons
 * Math, never on study, report or cli.
 */
package dev.shapesvae.analysis.metrics;
