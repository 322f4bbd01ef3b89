/**
 * Turns studies into the report: figures (Java2D and JFreeChart), tables, {@code index.html},
 * {@code report.md}, {@code metrics.json} and CSVs, in a folder replaced in one rename. May depend
 * on analysis.study, analysis.metrics, inference, repository, dataset, image and io, not on cli.
 */
package dev.shapesvae.analysis.report;
