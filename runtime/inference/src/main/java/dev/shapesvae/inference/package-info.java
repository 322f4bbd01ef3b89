/**
 * The embedding API: {@code GenerativeModel.open} runs a bundle's graphs in ONNX Runtime to
 * sample, encode and decode, configured by {@code InferenceOptions}, with results as
 * {@code FloatMatrix} and as images; draws latents from the bundle's samplers (the prior, a
 * {@code GaussianMixture} stored as {@code sampler-gmm.json}); labels images with their nearest
 * valid shape; and says whether ONNX Runtime's CUDA provider works here and agrees with the CPU's.
 * May depend on cuda, dataset, image, onnx and repository, and on ONNX Runtime.
 */
package dev.shapesvae.inference;
