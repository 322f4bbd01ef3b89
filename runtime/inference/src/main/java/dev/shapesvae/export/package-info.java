/**
 * Trained weights (plain arrays in {@code MlpWeights}) to the encoder and decoder ONNX graphs of
 * the contract. May depend on dataset, onnx and repository; the trainer hands over arrays, so
 * nothing here knows TensorFlow.
 */
package dev.shapesvae.export;
