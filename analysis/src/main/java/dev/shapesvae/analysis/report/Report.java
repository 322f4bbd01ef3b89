package dev.shapesvae.analysis.report;

import dev.shapesvae.analysis.metrics.Estimate;
import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.analysis.study.StudyOptions;
import dev.shapesvae.repository.ModelKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The study's results as tables: Table I (ours beside the report's), the information rates and
 * the latent findings, formatted once and rendered by every writer (HTML, Markdown, CSV).
 *
 * @param figures per model name, figure file names by caption
 */
public record Report(StudyOptions options, List<ModelStudy> studies, Map<String, Map<String, String>> figures) {

    /** Column headers of Table I: one per model, then the report's VAE and AE. */
    public List<String> table1Header() {
        List<String> header = new ArrayList<>(List.of("metric"));
        studies.forEach(s -> header.add(s.bundle().name() + " v" + s.bundle().version() + " (" + s.bundle().manifest().kind().label() + ")"));
        header.add("report VAE");
        header.add("report AE");
        return header;
    }

    /** Table I rows, each metric on the report's protocol where it has one. */
    public List<TableRow> table1() {
        List<TableRow> rows = new ArrayList<>();
        rows.add(row("avg. nearest-neighbour distance (M = " + options.nearestNeighbourSamples() + ")",
                s -> estimate(s.generative().nearestNeighbourDistance(), 4), PaperTable.NEAREST_NEIGHBOUR, "%.4f"));
        rows.add(row(String.format(Locale.ROOT, "coverage, report form (over 8002 entries, M = %d, tau = %.1f)", options.coverageSamples(), options.tau()),
                s -> percent(s.generative().coverageReport()), PaperTable.COVERAGE, "%.1f %%"));
        rows.add(row(String.format(Locale.ROOT, "coverage over distinct images (M = %d, tau = %.1f)", options.coverageSamples(), options.tau()),
                s -> percent(s.generative().coverage()), null, null));
        rows.add(row("KL, report form (bits, M = " + options.klSamples() + ")", s -> estimate(s.generative().klReport(), 4), PaperTable.KL, "%.4f"));
        rows.add(row("D_KL(q, p) over distinct images (bits)", s -> estimate(s.generative().klFromUniform(), 4), null, null));
        rows.add(row("Jensen-Shannon(p, q) (bits, at most 1)", s -> estimate(s.generative().jensenShannon(), 4), null, null));
        rows.add(row("reconstruction error, report form (bits, batch sums of 100 entries)",
                s -> String.format(Locale.ROOT, "%.4f", s.reconstructionReport()), PaperTable.RECONSTRUCTION, "%.4f"));
        rows.add(row("reconstruction error per image (bits)", s -> String.format(Locale.ROOT, "%.4f", s.reconstructionBits()), null, null));
        return rows;
    }

    private TableRow row(String label, Function<ModelStudy, String> ours, Map<ModelKind, Double> paper, String paperFormat) {
        List<String> cells = new ArrayList<>();
        studies.forEach(s -> cells.add(ours.apply(s)));
        for (ModelKind kind : List.of(ModelKind.VAE, ModelKind.AE)) {
            if (paper == null) {
                cells.add("-");
            } else {
                double v = paper.get(kind);
                cells.add(String.format(Locale.ROOT, paperFormat, paperFormat.contains("%%") ? v * 100 : v));
            }
        }
        return new TableRow(label, cells);
    }

    /** Information-rate rows: one per model. */
    public List<TableRow> informationRates() {
        List<TableRow> rows = new ArrayList<>();
        for (ModelStudy s : studies) {
            boolean ae = s.bundle().manifest().kind() == ModelKind.AE;
            String label = s.bundle().name() + " (" + s.bundle().manifest().kind().label() + ")";
            rows.add(new TableRow(label, List.of(
                    ae ? "sum_i 0.5 log2(1 + Var(z_i) / sigma_n^2), sigma_n = " + s.bundle().manifest().config().hyperparameters().latentNoise()
                            : "mean KL(q(z|x) || N(0, I))",
                    String.format(Locale.ROOT, "%.3f", s.latent().rate()),
                    ae ? String.format(Locale.ROOT, "%.3f (report: %.1f)", s.latent().reportRate(), PaperTable.AE_RATE) : "-",
                    perDimension(s.latent().ratePerDimension()))));
        }
        return rows;
    }

    /** MIG rows: one per model, with the per-factor gaps. */
    public List<TableRow> mig() {
        List<TableRow> rows = new ArrayList<>();
        for (ModelStudy s : studies) {
            List<String> cells = new ArrayList<>();
            cells.add(String.format(Locale.ROOT, "%.4f", s.latent().mig().mig()));
            for (double v : s.latent().mig().perFactor()) {
                cells.add(String.format(Locale.ROOT, "%.4f", v));
            }
            rows.add(new TableRow(s.bundle().name(), cells));
        }
        return rows;
    }

    /** Time per stage and model. */
    public List<TableRow> stageTimes() {
        List<TableRow> rows = new ArrayList<>();
        for (ModelStudy s : studies) {
            s.stageSeconds().forEach((stage, seconds) -> rows.add(new TableRow(s.bundle().name() + ": " + stage,
                    List.of(String.format(Locale.ROOT, "%.2f", seconds)))));
        }
        return rows;
    }

    static String perDimension(double[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", values[i]));
        }
        return text.toString();
    }

    static String estimate(Estimate e, int decimals) {
        String f = "%." + decimals + "f";
        if (e.values().length == 1) {
            return String.format(Locale.ROOT, f, e.mean());
        }
        return String.format(Locale.ROOT, f + " ± " + f, e.mean(), e.halfWidth());
    }

    static String percent(Estimate e) {
        if (e.values().length == 1) {
            return String.format(Locale.ROOT, "%.1f %%", 100 * e.mean());
        }
        return String.format(Locale.ROOT, "%.1f ± %.1f %%", 100 * e.mean(), 100 * e.halfWidth());
    }
}
