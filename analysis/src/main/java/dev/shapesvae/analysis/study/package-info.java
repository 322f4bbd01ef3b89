/**
 * Measures one model: runs a {@code GenerativeModel} through the metrics into a
 * {@code ModelStudy}: the generative protocol for each of its samplers, the perfect generator's
 * limit under the same protocol and the model's split, memorisation, reconstruction and the
 * latent findings. May depend on analysis.metrics, inference, repository and dataset, not on
 * report or cli.
 */
package dev.shapesvae.analysis.study;
