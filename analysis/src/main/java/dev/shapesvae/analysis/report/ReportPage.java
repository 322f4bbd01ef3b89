package dev.shapesvae.analysis.report;

import java.util.List;

/**
 * What the HTML and Markdown templates show, in page order: the models, the tables, each model's
 * figures and the fixed prose. Every string is plain text; the template's format escapes it.
 *
 * @param models one line per model: its configuration and training
 * @param findings one sentence per model and sampler on whether it memorises
 */
record ReportPage(List<String> models, Table table1, String differences, String limitText, Table againstLimit,
        String generalisationRule, Table generalisation, List<String> findings, Table informationRate, List<String> disentanglementMeaning,
        Table disentanglement, Table mig, List<ModelFiguresSection> figures, List<String> how, Table stageTimes) {

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
