package dev.shapesvae.analysis.report;

import dev.shapesvae.analysis.metrics.LatentCorrelations;
import dev.shapesvae.analysis.report.results.MetricsJson;
import dev.shapesvae.analysis.report.results.StudyResults;
import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.repository.ModelManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Report} as index.html, report.md, metrics.json and one CSV per table. */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** Every file name the writer produces besides the figures. */
    public static List<String> documentNames(Report report) {
        List<String> names = new ArrayList<>(List.of("index.html", "report.md", "metrics.json", "table1.csv",
                "information-rate.csv", "mig.csv", "stage-times.csv"));
        for (ModelStudy s : report.studies()) {
            names.add("correlations-" + s.bundle().name() + ".csv");
        }
        return names;
    }

    public static void write(Report report, Path dir) throws IOException {
        Files.writeString(dir.resolve("index.html"), html(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), markdown(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("metrics.json"), MetricsJson.toJson(StudyResults.of(report.options(), report.studies())), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("table1.csv"), csv(report.table1Header(), report.table1()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("information-rate.csv"), csv(rateHeader(), report.informationRates()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("mig.csv"), csv(migHeader(), report.mig()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("stage-times.csv"), csv(List.of("stage", "seconds"), report.stageTimes()), StandardCharsets.UTF_8);
        for (ModelStudy s : report.studies()) {
            Files.writeString(dir.resolve("correlations-" + s.bundle().name() + ".csv"), correlationsCsv(s.latent().correlations()),
                    StandardCharsets.UTF_8);
        }
    }

    private static List<String> rateHeader() {
        return List.of("model", "definition", "total (bits)", "report form", "per dimension (bits)");
    }

    private static List<String> migHeader() {
        return List.of("model", "MIG", "shape", "size", "x", "y");
    }

    static String csv(List<String> header, List<TableRow> rows) {
        StringBuilder text = new StringBuilder(String.join(",", header.stream().map(ReportWriter::csvCell).toList())).append('\n');
        for (TableRow row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.label()));
            cells.addAll(row.cells());
            text.append(String.join(",", cells.stream().map(ReportWriter::csvCell).toList())).append('\n');
        }
        return text.toString();
    }

    private static String csvCell(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    private static String correlationsCsv(LatentCorrelations c) {
        StringBuilder text = new StringBuilder("dimension");
        for (String f : c.features()) {
            text.append(",pearson_").append(f);
        }
        for (String f : c.features()) {
            text.append(",spearman_").append(f);
        }
        text.append('\n');
        for (int d = 0; d < c.pearson().length; d++) {
            text.append("z").append(d);
            for (double v : c.pearson()[d]) {
                text.append(',').append(String.format(Locale.ROOT, "%.6f", v));
            }
            for (double v : c.spearman()[d]) {
                text.append(',').append(String.format(Locale.ROOT, "%.6f", v));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String describe(ModelStudy s) {
        ModelManifest m = s.bundle().manifest();
        var a = m.config().architecture();
        var h = m.config().hyperparameters();
        return String.format(Locale.ROOT, "%s v%d: %s, latent %d, encoder %s, decoder %s, dropout %.2f, layer norm %s, Adam lr %g, "
                + "batch %d, %d epochs, %s %.3g%s, seed %d; trained %d epochs in %.0f s on %s",
                s.bundle().name(), s.bundle().version(), m.kind().label(), m.latentDim(), a.encoderHidden(), a.decoderHidden(),
                a.dropout(), a.layerNorm() ? "yes" : "no", h.learningRate(), h.batchSize(), h.epochs(),
                m.kind() == dev.shapesvae.repository.ModelKind.VAE ? "beta" : "lambda", h.regularisationWeight(),
                m.kind() == dev.shapesvae.repository.ModelKind.AE ? ", sigma_n " + h.latentNoise() + ", MMD bandwidths " + h.mmdBandwidths() : "",
                h.seed(), m.training().epochs(), m.training().seconds(), m.training().device());
    }

    private static String markdown(Report report) {
        StringBuilder md = new StringBuilder("# shapes-vae study report\n\n");
        md.append("Dataset: exact 28 x 28 shapes, 8002 entries, 7824 distinct images.\n\n");
        for (ModelStudy s : report.studies()) {
            md.append("- ").append(describe(s)).append('\n');
        }
        md.append("\n## Table I: generative and reconstruction performance\n\n");
        md.append(mdTable(report.table1Header(), report.table1()));
        md.append('\n').append(ReportText.DIFFERENCES).append("\n\n## Information rate\n\n");
        md.append(mdTable(rateHeader(), report.informationRates()));
        md.append("\n## Latent meaning\n\n");
        md.append(mdTable(migHeader(), report.mig()));
        for (ModelStudy s : report.studies()) {
            md.append("\n### ").append(s.bundle().name()).append("\n\n");
            report.figures().getOrDefault(s.bundle().name(), Map.of()).forEach((caption, file) ->
                    md.append("![").append(caption).append("](").append(file).append(")\n\n"));
        }
        md.append("## How this was computed\n\n");
        ReportText.HOW.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n## Time per stage (seconds)\n\n").append(mdTable(List.of("stage", "seconds"), report.stageTimes()));
        return md.toString();
    }

    private static String mdTable(List<String> header, List<TableRow> rows) {
        StringBuilder md = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        for (TableRow row : rows) {
            md.append("| ").append(mdCell(row.label())).append(" | ")
                    .append(String.join(" | ", row.cells().stream().map(ReportWriter::mdCell).toList())).append(" |\n");
        }
        return md.toString();
    }

    private static String mdCell(String text) {
        return text.replace("|", "\\|");
    }

    private static String html(Report report) {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>shapes-vae study report</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
                table{border-collapse:collapse;margin:1em 0;font-size:14px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}
                th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}figure{margin:1.5em 0}
                figcaption{font-size:13px;color:#555}img{max-width:100%;border:1px solid #ddd}code{background:#f5f5f5}
                .paper{color:#666}
                </style></head><body>
                <h1>shapes-vae study report</h1>
                <p>Dataset: exact 28 x 28 shapes, 8002 entries, 7824 distinct images.</p><ul>
                """);
        for (ModelStudy s : report.studies()) {
            h.append("<li>").append(escape(describe(s))).append("</li>\n");
        }
        h.append("</ul>\n<h2>Table I: generative and reconstruction performance</h2>\n");
        h.append(htmlTable(report.table1Header(), report.table1()));
        h.append("<p>").append(escape(ReportText.DIFFERENCES)).append("</p>\n<h2>Information rate</h2>\n");
        h.append(htmlTable(rateHeader(), report.informationRates()));
        h.append("<h2>Latent meaning</h2>\n<p>Mutual Information Gap per model and factor:</p>\n");
        h.append(htmlTable(migHeader(), report.mig()));
        for (ModelStudy s : report.studies()) {
            h.append("<h3>").append(escape(s.bundle().name())).append("</h3>\n");
            report.figures().getOrDefault(s.bundle().name(), Map.of()).forEach((caption, file) ->
                    h.append("<figure><img src=\"").append(escape(file)).append("\" alt=\"").append(escape(caption))
                            .append("\"><figcaption>").append(escape(caption)).append("</figcaption></figure>\n"));
        }
        h.append("<h2>How this was computed</h2>\n<ul>\n");
        ReportText.HOW.forEach(line -> h.append("<li>").append(escape(line)).append("</li>\n"));
        h.append("</ul>\n<h2>Time per stage (seconds)</h2>\n").append(htmlTable(List.of("stage", "seconds"), report.stageTimes()));
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String htmlTable(List<String> header, List<TableRow> rows) {
        StringBuilder h = new StringBuilder("<table><tr>");
        header.forEach(c -> h.append("<th>").append(escape(c)).append("</th>"));
        h.append("</tr>\n");
        for (TableRow row : rows) {
            h.append("<tr><td>").append(escape(row.label())).append("</td>");
            row.cells().forEach(c -> h.append("<td>").append(escape(c)).append("</td>"));
            h.append("</tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
