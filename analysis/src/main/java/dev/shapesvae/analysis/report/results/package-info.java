/**
 * The study's numbers as typed, immutable records: what {@code metrics.json} holds and how it is
 * written and read back ({@link dev.shapesvae.analysis.report.results.MetricsJson}). The key names
 * are the records' component names, in their order, so the file's layout is written once, here.
 */
package dev.shapesvae.analysis.report.results;
