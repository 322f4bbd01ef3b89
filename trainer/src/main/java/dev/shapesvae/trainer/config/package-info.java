/**
 * Where a fit's {@code ModelConfig} comes from: the presets, a {@code --config} file and the
 * flags laid over them. May depend on repository and io (and Jackson), not on TensorFlow.
 */
package dev.shapesvae.trainer.config;
