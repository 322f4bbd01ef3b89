/**
 * The {@code trainer} program: fit, export and bench. The top of the trainer module: may depend
 * on every trainer package and on cli, dataset and repository; nothing depends on it.
 */
package dev.shapesvae.trainer.cli;
