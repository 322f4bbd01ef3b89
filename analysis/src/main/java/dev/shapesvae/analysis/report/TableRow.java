package dev.shapesvae.analysis.report;

import java.util.List;

/** One row of a report table: a label and its cells, already formatted. */
record TableRow(String label, List<String> cells) {
}
