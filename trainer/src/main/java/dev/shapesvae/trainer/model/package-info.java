/**
 * The TensorFlow graph of both models and its training step: networks, losses, Adam, stateless
 * randomness and device placement. May depend on TensorFlow Java, dataset, export,
 * repository and cuda (the GPU build's CUDA libraries); not on the trainer's config, fit or cli
 * packages.
 */
package dev.shapesvae.trainer.model;
