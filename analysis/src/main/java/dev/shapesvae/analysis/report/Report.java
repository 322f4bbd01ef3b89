package dev.shapesvae.analysis.report;

import static dev.shapesvae.analysis.report.Cells.estimate;
import static dev.shapesvae.analysis.report.Cells.fourDecimals;
import static dev.shapesvae.analysis.report.Cells.perDimension;

import dev.shapesvae.analysis.metrics.Estimate;
import dev.shapesvae.analysis.study.GenerativeMetrics;
import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.analysis.study.StudyOptions;
import dev.shapesvae.dataset.DatasetSplit;
import dev.shapesvae.repository.ModelKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The study's results as tables: Table I (each model's samplers beside the protocol's limit and
 * the report's numbers), the comparison with the limit and the memorisation findings
 * ({@link #limitTables()}), the information rates and the latent findings, formatted once and
 * rendered by every writer (HTML, Markdown, CSV). A model is named {@code name vN (kind)} in every
 * table, and a sampler's column or row {@code name vN (kind, sampler)}.
 *
 * @param figures per model name, figure file names by caption
 */
public record Report(StudyOptions options, List<ModelStudy> studies, Map<String, Map<String, String>> figures) {

    /** The comparison with the protocol's limit and what it says about memorising. */
    public LimitTables limitTables() {
        return new LimitTables(studies);
    }

    /** Column headers of Table I: one per model and sampler, the limit (one per split), then the report's VAE and AE. */
    public List<String> table1Header() {
        List<String> header = new ArrayList<>(List.of("metric"));
        SamplerColumn.of(studies).forEach(c -> header.add(c.label()));
        Map<DatasetSplit, GenerativeMetrics> limits = LimitTables.bySplit(studies);
        for (DatasetSplit split : limits.keySet()) {
            header.add(limits.size() == 1 ? "limit: perfect generator"
                    : String.format(Locale.ROOT, "limit: perfect generator (split seed %d, %.0f %% training)", split.seed(), 100 * split.trainFraction()));
        }
        header.add("report VAE");
        header.add("report AE");
        return header;
    }

    /** Table I rows, each metric on the report's protocol where it has one. */
    public List<TableRow> table1() {
        String coverage = String.format(Locale.ROOT, "M = %d, tau = %.1f", options.coverageSamples(), options.tau());
        List<TableRow> rows = new ArrayList<>();
        rows.add(generativeRow("avg. nearest-neighbour distance (M = " + options.nearestNeighbourSamples() + ")",
                GenerativeMetrics::nearestNeighbourDistance, e -> estimate(e, 4), PaperTable.NEAREST_NEIGHBOUR, "%.4f"));
        rows.add(generativeRow("coverage, report form (over 8002 entries, " + coverage + ")", GenerativeMetrics::coverageReport,
                Cells::percent, PaperTable.COVERAGE, "%.1f %%"));
        rows.add(generativeRow("coverage over distinct images (" + coverage + ")", GenerativeMetrics::coverage, Cells::percent, null, null));
        rows.add(generativeRow("coverage of training images (" + coverage + ")", GenerativeMetrics::coverageTrain, Cells::percent, null, null));
        rows.add(generativeRow("coverage of held-out images, never seen in training (" + coverage + ")", GenerativeMetrics::coverageHeldOut,
                Cells::percent, null, null));
        rows.add(generativeRow("KL, report form (bits, M = " + options.klSamples() + ")", GenerativeMetrics::klReport, e -> estimate(e, 4),
                PaperTable.KL, "%.4f"));
        rows.add(generativeRow("D_KL(q, p) over distinct images (bits)", GenerativeMetrics::klFromUniform, e -> estimate(e, 4), null, null));
        rows.add(generativeRow("Jensen-Shannon(p, q) (bits, at most 1)", GenerativeMetrics::jensenShannon, e -> estimate(e, 4), null, null));
        rows.add(modelRow("reconstruction error, report form (bits, batch sums of 100 entries)",
                s -> String.format(Locale.ROOT, "%.4f", s.reconstructionReport()), PaperTable.RECONSTRUCTION, "%.4f"));
        rows.add(modelRow("reconstruction error per image (bits)", s -> String.format(Locale.ROOT, "%.4f", s.reconstructionBits()), null, null));
        return rows;
    }

    /** A generative metric: one cell per sampler, one per limit, then the report's. */
    private TableRow generativeRow(String label, Function<GenerativeMetrics, Estimate> metric, Function<Estimate, String> format,
            Map<ModelKind, Double> paper, String paperFormat) {
        List<String> cells = new ArrayList<>();
        SamplerColumn.of(studies).forEach(c -> cells.add(format.apply(metric.apply(c.sampler().metrics()))));
        LimitTables.bySplit(studies).values().forEach(limit -> cells.add(format.apply(metric.apply(limit))));
        cells.addAll(paperCells(paper, paperFormat));
        return new TableRow(label, cells);
    }

    /** A metric of the model itself, not of its samples: the same in each of its samplers' columns; none for the limit. */
    private TableRow modelRow(String label, Function<ModelStudy, String> ours, Map<ModelKind, Double> paper, String paperFormat) {
        List<String> cells = new ArrayList<>();
        SamplerColumn.of(studies).forEach(c -> cells.add(ours.apply(c.model())));
        LimitTables.bySplit(studies).forEach((split, limit) -> cells.add("-"));
        cells.addAll(paperCells(paper, paperFormat));
        return new TableRow(label, cells);
    }

    private static List<String> paperCells(Map<ModelKind, Double> paper, String paperFormat) {
        List<String> cells = new ArrayList<>();
        for (ModelKind kind : List.of(ModelKind.VAE, ModelKind.AE)) {
            if (paper == null) {
                cells.add("-");
            } else {
                double v = paper.get(kind);
                cells.add(String.format(Locale.ROOT, paperFormat, paperFormat.contains("%%") ? v * 100 : v));
            }
        }
        return cells;
    }

    /** Information-rate rows: one per model. */
    public List<TableRow> informationRates() {
        List<TableRow> rows = new ArrayList<>();
        for (ModelStudy s : studies) {
            boolean ae = s.bundle().manifest().kind() == ModelKind.AE;
            rows.add(new TableRow(SamplerColumn.modelLabel(s), List.of(
                    ae ? "sum_i 0.5 log2(1 + Var(z_i) / sigma_n^2), sigma_n = " + s.bundle().manifest().config().hyperparameters().latentNoise()
                            : "mean KL(q(z|x) || N(0, I))",
                    String.format(Locale.ROOT, "%.3f", s.latent().rate()),
                    ae ? String.format(Locale.ROOT, "%.3f (report: %.1f)", s.latent().reportRate(), PaperTable.AE_RATE) : "-",
                    perDimension(s.latent().ratePerDimension()))));
        }
        return rows;
    }

    /** Headers of the disentanglement table. */
    public static List<String> disentanglementHeader() {
        return List.of("model", "MIG", "DCI disentanglement", "DCI completeness", "DCI informativeness (training)",
                "DCI informativeness (held-out)", "SAP");
    }

    /** MIG, DCI and SAP: one row per model. */
    public List<TableRow> disentanglement() {
        List<TableRow> rows = new ArrayList<>();
        for (ModelStudy s : studies) {
            var latent = s.latent();
            rows.add(new TableRow(SamplerColumn.modelLabel(s), List.of(fourDecimals(latent.mig().mig()), fourDecimals(latent.dci().disentanglement()),
                    fourDecimals(latent.dci().completeness()), fourDecimals(latent.dci().informativenessTrain()),
                    fourDecimals(latent.dci().informativenessTest()), fourDecimals(latent.sap().score()))));
        }
        return rows;
    }

    /** MIG rows: one per model, with the per-factor gaps. */
    public List<TableRow> mig() {
        List<TableRow> rows = new ArrayList<>();
        for (ModelStudy s : studies) {
            List<String> cells = new ArrayList<>();
            cells.add(fourDecimals(s.latent().mig().mig()));
            for (double v : s.latent().mig().perFactor()) {
                cells.add(fourDecimals(v));
            }
            rows.add(new TableRow(SamplerColumn.modelLabel(s), cells));
        }
        return rows;
    }

    /** Time per stage and model. */
    public List<TableRow> stageTimes() {
        List<TableRow> rows = new ArrayList<>();
        for (ModelStudy s : studies) {
            s.stageSeconds().forEach((stage, seconds) -> rows.add(new TableRow(SamplerColumn.modelLabel(s) + ": " + stage,
                    List.of(String.format(Locale.ROOT, "%.2f", seconds)))));
        }
        return rows;
    }
}
