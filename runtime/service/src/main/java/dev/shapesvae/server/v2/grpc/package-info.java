/**
 * The Open Inference Protocol over gRPC ({@code inference.GRPCInferenceService}) on Micronaut's
 * gRPC server. May depend on server.v2, server and the protocol's generated classes, not on rest.
 */
package dev.shapesvae.server.v2.grpc;
