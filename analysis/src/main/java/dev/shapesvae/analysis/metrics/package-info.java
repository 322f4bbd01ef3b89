/**
 * The study's measures, each checked against a hand-computed case: coverage (of all images or of a
 * subset such as the held-out ones), the distribution of samples, information rates, the mutual
 * information gap, DCI and SAP (with the estimators inside them: gradient-boosted trees written
 * here, liblinear's linear SVM), latent correlations, distances and reconstruction error. Numbers
 * in, numbers out: may depend on dataset, inference, Commons Math and liblinear, never on study,
 * report or cli.
 */
package dev.shapesvae.analysis.metrics;
