package dev.shapesvae.analysis.report;

import java.util.List;

/**
 * What the HTML and Markdown templates show, in page order: the models, the tables, each model's
 * figures and the fixed prose. Every string is plain text; the template's format escapes it.
 *
 * @param models one line per model: its configuration and training
 */
record ReportPage(List<String> models, Table table1, String differences, Table informationRate, Table mig,
        List<ModelFiguresSection> figures, List<String> how, Table stageTimes) {

    /** A table with its header: the header's first column heads the rows' labels. */
    record Table(List<String> header, List<TableRow> rows) {
    }

    /** One model's figures, in the order they were drawn. */
    record ModelFiguresSection(String model, List<Figure> figures) {
    }

    /** A figure file and its caption. */
    record Figure(String caption, String file) {
    }
}
