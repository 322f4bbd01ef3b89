/**
 * NVIDIA's CUDA and cuDNN libraries as the {@code -Pgpu} build brings them from Maven Central
 * (the {@code org.bytedeco:cuda} redistributable): loaded into the process before native code
 * that opens them by name (ONNX Runtime's CUDA provider, TensorFlow), so that a host needs only
 * NVIDIA's driver. Depends on the JDK alone; JavaCPP is reached by reflection, as the default
 * build has neither it nor the libraries.
 */
package dev.shapesvae.cuda;
