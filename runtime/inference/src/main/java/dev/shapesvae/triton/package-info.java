/**
 * Copies a repository's bundles into NVIDIA Triton's layout: one {@code model.onnx} and
 * {@code config.pbtxt} per graph. May depend on io and repository.
 */
package dev.shapesvae.triton;
