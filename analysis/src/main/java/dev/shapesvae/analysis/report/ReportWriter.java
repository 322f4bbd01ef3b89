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
        List<String> names = new ArrayList<>(List.of("index.html", "report.md", "metrics.json", "table1.csv", "limit.csv",
                "generalisation.csv", "information-rate.csv", "disentanglement.csv", "mig.csv", "stage-times.csv"));
        for (ModelStudy s : report.studies()) {
            names.add("correlations-" + s.bundle().name() + ".csv");
        }
        return names;
    }

    public static void write(Report report, Path dir) throws IOException {
        ReportPage page = page(report);
        Files.writeString(dir.resolve("index.html"), ReportTemplates.html(page), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), ReportTemplates.markdown(page), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("metrics.json"), MetricsJson.toJson(StudyResults.of(report.options(), report.studies())), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("table1.csv"), csv(report.table1Header(), report.table1()), StandardCharsets.UTF_8);
        LimitTables limit = report.limitTables();
        Files.writeString(dir.resolve("limit.csv"), csv(LimitTables.againstLimitHeader(), limit.againstLimit()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("generalisation.csv"), csv(LimitTables.generalisationHeader(), limit.generalisation()),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("information-rate.csv"), csv(rateHeader(), report.informationRates()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("disentanglement.csv"), csv(Report.disentanglementHeader(), report.disentanglement()),
                StandardCharsets.UTF_8);
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

    /** The page both templates show. */
    private static ReportPage page(Report report) {
        List<ReportPage.ModelFiguresSection> figures = new ArrayList<>();
        for (ModelStudy s : report.studies()) {
            List<ReportPage.Figure> files = new ArrayList<>();
            report.figures().getOrDefault(s.bundle().name(), Map.of()).forEach((caption, file) -> files.add(new ReportPage.Figure(caption, file)));
            figures.add(new ReportPage.ModelFiguresSection(s.bundle().name(), files));
        }
        LimitTables limit = report.limitTables();
        return new ReportPage(report.studies().stream().map(ReportWriter::describe).toList(),
                new ReportPage.Table(report.table1Header(), report.table1()), ReportText.DIFFERENCES, ReportText.LIMIT,
                new ReportPage.Table(LimitTables.againstLimitHeader(), limit.againstLimit()), ReportText.GENERALISATION,
                new ReportPage.Table(LimitTables.generalisationHeader(), limit.generalisation()), limit.generalisationFindings(),
                new ReportPage.Table(rateHeader(), report.informationRates()), ReportText.DISENTANGLEMENT,
                new ReportPage.Table(Report.disentanglementHeader(), report.disentanglement()), new ReportPage.Table(migHeader(), report.mig()),
                figures, ReportText.HOW, new ReportPage.Table(List.of("stage", "seconds"), report.stageTimes()));
    }
}
