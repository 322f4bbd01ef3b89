/** Turns a trained TensorFlow graph's variables into the weights that the ONNX export takes. */
package dev.shapesvae.trainer.export;
