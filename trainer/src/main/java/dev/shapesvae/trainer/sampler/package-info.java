/**
 * Latent samplers fitted after training: the codes of a trained model (from its TensorFlow graph
 * or its bundle's ONNX encoder), EM for Gaussian mixtures with the number of components chosen by
 * held-out log-likelihood, and {@code trainer fit-sampler}'s new version of a bundle with the
 * sampler added. May depend on trainer.model, trainer.data, inference, repository, io and
 * dataset, and on Commons Math; trainer.fit and trainer.cli use it.
 */
package dev.shapesvae.trainer.sampler;
