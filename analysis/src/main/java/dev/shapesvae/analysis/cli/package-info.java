/**
 * The {@code analysis} program: dataset, report and bench. The top of the analysis module: may
 * depend on every analysis package and on cli, inference, repository, dataset, image and io;
 * nothing depends on it.
 */
package dev.shapesvae.analysis.cli;
