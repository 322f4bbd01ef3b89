package dev.shapesvae.analysis.report;

import dev.shapesvae.analysis.metrics.Estimate;
import dev.shapesvae.analysis.study.AgainstLimit;
import dev.shapesvae.analysis.study.GenerativeMetrics;
import dev.shapesvae.analysis.study.Generalisation;
import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.analysis.study.SamplerStudy;
import dev.shapesvae.analysis.study.StudyOptions;
import dev.shapesvae.dataset.DatasetSplit;
import dev.shapesvae.repository.ModelKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The study's results as tables: Table I (each model's samplers beside the protocol's limit and
 * the report's numbers), the comparison with the limit, training against held-out coverage, the
 * information rates and the latent findings, formatted once and rendered by every writer (HTML,
 * Markdown, CSV).
 *
 * @param figures per model name, figure file names by caption
 */
public record Report(StudyOptions options, List<ModelStudy> studies, Map<String, Map<String, String>> figures) {

    /** One column of generated images: a model's sampler. */
    private record Column(ModelStudy model, SamplerStudy sampler) {
        String label() {
            return model.bundle().name() + " v" + model.bundle().version() + " (" + model.bundle().manifest().kind().label() + ", "
                    + sampler.sampler() + ")";
        }
    }

    private List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        for (ModelStudy s : studies) {
            s.samplers().forEach(sampler -> columns.add(new Column(s, sampler)));
        }
        return columns;
    }

    /** The perfect generator's metrics for each split the models were fitted on, in the models' order. */
    private Map<DatasetSplit, GenerativeMetrics> limits() {
        Map<DatasetSplit, GenerativeMetrics> limits = new LinkedHashMap<>();
        studies.forEach(s -> limits.putIfAbsent(s.split(), s.limit()));
        return limits;
    }

    /** Column headers of Table I: one per model and sampler, the limit (one per split), then the report's VAE and AE. */
    public List<String> table1Header() {
        List<String> header = new ArrayList<>(List.of("metric"));
        columns().forEach(c -> header.add(c.label()));
        Map<DatasetSplit, GenerativeMetrics> limits = limits();
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
                Report::percent, PaperTable.COVERAGE, "%.1f %%"));
        rows.add(generativeRow("coverage over distinct images (" + coverage + ")", GenerativeMetrics::coverage, Report::percent, null, null));
        rows.add(generativeRow("coverage of training images (" + coverage + ")", GenerativeMetrics::coverageTrain, Report::percent, null, null));
        rows.add(generativeRow("coverage of held-out images, never seen in training (" + coverage + ")", GenerativeMetrics::coverageHeldOut,
                Report::percent, null, null));
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
        columns().forEach(c -> cells.add(format.apply(metric.apply(c.sampler().metrics()))));
        limits().values().forEach(limit -> cells.add(format.apply(metric.apply(limit))));
        cells.addAll(paperCells(paper, paperFormat));
        return new TableRow(label, cells);
    }

    /** A metric of the model itself, not of its samples: the same in each of its samplers' columns; none for the limit. */
    private TableRow modelRow(String label, Function<ModelStudy, String> ours, Map<ModelKind, Double> paper, String paperFormat) {
        List<String> cells = new ArrayList<>();
        columns().forEach(c -> cells.add(ours.apply(c.model())));
        limits().forEach((split, limit) -> cells.add("-"));
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

    /** Headers of the comparison with the limit. */
    public static List<String> againstLimitHeader() {
        return List.of("model (sampler)", "coverage, % of limit", "report-form coverage, % of limit", "training images, % of limit",
                "held-out images, % of limit", "D_KL(q, p), bits above limit", "Jensen-Shannon, bits above limit",
                "report-form KL, bits above limit");
    }

    /** Each sampler against the perfect generator on its model's split. */
    public List<TableRow> againstLimit() {
        List<TableRow> rows = new ArrayList<>();
        for (Column c : columns()) {
            AgainstLimit a = c.sampler().againstLimit();
            rows.add(new TableRow(c.label(), List.of(share(a.coverageOfLimit()), share(a.coverageReportFormOfLimit()),
                    share(a.coverageTrainOfLimit()), share(a.coverageHeldOutOfLimit()), bits(a.klFromUniformBitsAboveLimit()),
                    bits(a.jensenShannonBitsAboveLimit()), bits(a.klReportFormBitsAboveLimit()))));
        }
        return rows;
    }

    /** Headers of training against held-out coverage. */
    public static List<String> generalisationHeader() {
        return List.of("model (sampler)", "training images", "coverage of training images", "held-out images", "coverage of held-out images",
                "gap (points)", "finding");
    }

    /** Training against held-out coverage of each sampler, then of the perfect generator on each split. */
    public List<TableRow> generalisation() {
        List<TableRow> rows = new ArrayList<>();
        for (Column c : columns()) {
            rows.add(generalisationRow(c.label(), c.model().split(), c.sampler().metrics(), c.sampler().generalisation()));
        }
        limits().forEach((split, limit) -> rows.add(generalisationRow("perfect generator (split seed " + split.seed() + ")", split, limit,
                Generalisation.of(limit))));
        return rows;
    }

    private static TableRow generalisationRow(String label, DatasetSplit split, GenerativeMetrics metrics, Generalisation g) {
        return new TableRow(label, List.of(String.valueOf(split.train().length), percent(metrics.coverageTrain()),
                String.valueOf(split.validation().length), percent(metrics.coverageHeldOut()), points(g.gap()), g.verdict().words()));
    }

    /** One sentence per sampler saying whether it memorises, with the numbers behind the verdict. */
    public List<String> generalisationFindings() {
        List<String> findings = new ArrayList<>();
        for (Column c : columns()) {
            GenerativeMetrics m = c.sampler().metrics();
            Generalisation g = c.sampler().generalisation();
            String numbers = String.format(Locale.ROOT, "it covers %s of its %d training images and %s of its %d held-out images",
                    percent(m.coverageTrain()), c.model().split().train().length, percent(m.coverageHeldOut()),
                    c.model().split().validation().length);
            String gap = String.format(Locale.ROOT, "gap %s points, the held-out coverage %.0f %% %s the training coverage",
                    points(g.gap()), 100 * Math.abs(g.shortfall()), g.shortfall() >= 0 ? "below" : "above");
            String why = switch (g.verdict()) {
                case GENERALISES -> g.gap().values().length == 1 ? "one seed, so no interval: the gap is within the 10 % that counts as memorising"
                        : "within the noise of the draws";
                case LEANS_ON_TRAINING -> "beyond the noise of the draws, but less than the 10 % that counts as memorising";
                case MEMORISES -> g.gap().values().length == 1 ? "more than 10 % (one seed, so no interval)"
                        : "beyond the noise of the draws and more than 10 %";
            };
            findings.add(c.label() + " " + g.verdict().words() + ": " + numbers + " (" + gap + "; " + why + ").");
        }
        return findings;
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
            rows.add(new TableRow(s.bundle().name(), List.of(fourDecimals(latent.mig().mig()), fourDecimals(latent.dci().disentanglement()),
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
        return points(e) + " %";
    }

    /**
     * A share in percentage points, with its interval: 40.9 ± 1.2; when both are below one point, to
     * three decimals (0.014 ± 0.000), so that a model that covers a handful of images does not read as 0.
     */
    static String points(Estimate e) {
        double mean = 100 * e.mean();
        boolean small = mean != 0 && Math.abs(mean) < 1 && (e.values().length == 1 || 100 * e.halfWidth() < 1);
        String f = small ? "%.3f" : "%.1f";
        if (e.values().length == 1) {
            return String.format(Locale.ROOT, f, mean);
        }
        return String.format(Locale.ROOT, f + " ± " + f, mean, 100 * e.halfWidth());
    }

    private static String fourDecimals(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String share(double ofLimit) {
        return Double.isNaN(ofLimit) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * ofLimit);
    }

    private static String bits(double aboveLimit) {
        return String.format(Locale.ROOT, "%+.4f", aboveLimit);
    }
}
