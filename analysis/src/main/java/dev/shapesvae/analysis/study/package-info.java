/**
 * Measures one model: runs a {@code GenerativeModel} through the metrics into a
 * {@code ModelStudy}. May depend on analysis.metrics, inference, repository and dataset, not on
 * report or cli.
 */
package dev.shapesvae.analysis.study;
