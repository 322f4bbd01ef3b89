/**
 * The Open Inference Protocol (KServe v2) apart from its transport: tensor data types, inference
 * on the registry's models, and Triton's model configuration, repository and statistics
 * extensions. May depend on server, inference, repository, dataset and the protocol's generated
 * classes ({@code server.v2.proto}); the rest and grpc packages sit on it.
 */
package dev.shapesvae.server.v2;
