/**
 * The model repository and its bundle format: {@code model.json} (the manifest), verification of
 * the hashes and the ONNX contract on every load, and atomic writes of new versions. May depend
 * on dataset, io and onnx (and Jackson), never on inference: a bundle is read and checked without
 * ONNX Runtime.
 */
package dev.shapesvae.repository;
