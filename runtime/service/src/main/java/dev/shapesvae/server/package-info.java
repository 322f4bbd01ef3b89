/**
 * The Micronaut service: the REST API under {@code /api} and the page, the registry that loads,
 * leases and reloads models, the worker pool, metrics, admin access and error answers. May depend
 * on inference, repository, dataset and image, and on Micronaut; the v2 packages build on this
 * one, never the reverse.
 */
package dev.shapesvae.server;
