/**
 * The Open Inference Protocol over HTTP under {@code /v2}: JSON bodies and the binary tensor
 * data extension, in Micronaut controllers. May depend on server.v2, server and the protocol's
 * generated classes, not on grpc.
 */
package dev.shapesvae.server.v2.rest;
