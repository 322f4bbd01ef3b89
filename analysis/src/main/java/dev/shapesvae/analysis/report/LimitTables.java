package dev.shapesvae.analysis.report;

import static dev.shapesvae.analysis.report.Cells.bits;
import static dev.shapesvae.analysis.report.Cells.percent;
import static dev.shapesvae.analysis.report.Cells.points;
import static dev.shapesvae.analysis.report.Cells.share;

import dev.shapesvae.analysis.study.AgainstLimit;
import dev.shapesvae.analysis.study.GenerativeMetrics;
import dev.shapesvae.analysis.study.Generalisation;
import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.dataset.DatasetSplit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's comparison with the protocol's limit: each sampler's coverage as a share of the
 * perfect generator's on its model's split and its divergences in bits above it, its training
 * against held-out coverage beside the perfect generator's, and the memorisation finding in words.
 */
public record LimitTables(List<ModelStudy> studies) {
    /** The perfect generator's metrics for each split the models were fitted on, in the models' order. */
    static Map<DatasetSplit, GenerativeMetrics> bySplit(List<ModelStudy> studies) {
        Map<DatasetSplit, GenerativeMetrics> limits = new LinkedHashMap<>();
        studies.forEach(s -> limits.putIfAbsent(s.split(), s.limit()));
        return limits;
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
        for (SamplerColumn c : SamplerColumn.of(studies)) {
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
        for (SamplerColumn c : SamplerColumn.of(studies)) {
            rows.add(generalisationRow(c.label(), c.model().split(), c.sampler().metrics(), c.sampler().generalisation()));
        }
        bySplit(studies).forEach((split, limit) -> rows.add(generalisationRow("perfect generator (split seed " + split.seed() + ")", split,
                limit, Generalisation.of(limit))));
        return rows;
    }

    private static TableRow generalisationRow(String label, DatasetSplit split, GenerativeMetrics metrics, Generalisation g) {
        return new TableRow(label, List.of(String.valueOf(split.train().length), percent(metrics.coverageTrain()),
                String.valueOf(split.validation().length), percent(metrics.coverageHeldOut()), points(g.gap()), g.verdict().words()));
    }

    /** One sentence per sampler saying whether it memorises, with the numbers behind the verdict. */
    public List<String> generalisationFindings() {
        List<String> findings = new ArrayList<>();
        for (SamplerColumn c : SamplerColumn.of(studies)) {
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
}
