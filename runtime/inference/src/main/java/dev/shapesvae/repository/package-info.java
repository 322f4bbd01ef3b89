/**
 * The model repository and its bundle format: {@code model.json} (the manifest, read strictly but
 * for the optional fields {@code OptionalFields} lists), verification of the hashes (of the ONNX
 * files and of stored samplers' files) and of the ONNX contract on every load, and atomic writes
 * of new versions. May depend on dataset, io and onnx (and Jackson), never on inference: a bundle
 * is read and checked without ONNX Runtime.
 */
package dev.shapesvae.repository;
