/**
 * ONNX models at the protobuf level: building a model with its opset, producer and metadata,
 * the operators Tribuo lacks, and reading a graph's signature. May depend on Tribuo's ONNX
 * utilities and protobuf, and on no other package of shapes-vae.
 */
package dev.shapesvae.onnx;
