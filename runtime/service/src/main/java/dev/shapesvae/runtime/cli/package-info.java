/**
 * The {@code runtime} program: serve, sample, models, bench and export-triton. The top of the
 * service module: may depend on cli, server, inference, repository, triton and image; nothing
 * depends on it.
 */
package dev.shapesvae.runtime.cli;
