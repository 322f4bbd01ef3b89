/**
 * The TensorFlow graph of both models and its training step: networks, losses, Adam, stateless
 * randomness and device placement. May depend on TensorFlow Java, dataset, export and
 * repository; not on the trainer's config, fit or cli packages.
 */
package dev.shapesvae.trainer.model;
