package dev.shapesvae.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.analysis.metrics.Estimate;
import dev.shapesvae.analysis.study.GenerativeMetrics;
import dev.shapesvae.analysis.study.HandMadeStudies;
import dev.shapesvae.analysis.study.ModelStudy;
import dev.shapesvae.analysis.study.StudyOptions;
import dev.shapesvae.dataset.DatasetSplit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report's tables and findings from studies whose numbers are set by hand: each model's
 * sampler beside the limit of its own split, shares of the limit, and the memorisation verdict in
 * words.
 */
class ReportTest {
    private static final StudyOptions OPTIONS = new StudyOptions(1000, 10000, 3.0, 8002, 3, 0, 20, 100);
    private static final DatasetSplit SPLIT_A = new DatasetSplit(1, 0.75, new int[] {0, 1, 2}, new int[] {3});
    private static final DatasetSplit SPLIT_B = new DatasetSplit(2, 0.5, new int[] {0, 3}, new int[] {1, 2});

    /** Three seeds each; coverage (all, report form, training, held-out) and divergences as given. */
    private static GenerativeMetrics metrics(double[] train, double[] heldOut, double coverage, double kl) {
        return new GenerativeMetrics(Estimate.of(2, 2, 2), Estimate.of(coverage, coverage, coverage), Estimate.of(coverage, coverage, coverage),
                Estimate.of(train), Estimate.of(heldOut), Estimate.of(kl, kl, kl), Estimate.of(kl, kl, kl), Estimate.of(0.5, 0.5, 0.5));
    }

    private static final GenerativeMetrics LIMIT = metrics(new double[] {0.7, 0.72, 0.74}, new double[] {0.7, 0.72, 0.74}, 0.8, 1);

    @Test
    void eachSplitGetsItsOwnLimitColumnAndEachSamplerItsShareOfTheLimit() {
        // A memorises: 60 % of training images against 30 % of held-out ones, steadily.
        ModelStudy a = HandMadeStudies.study("a", SPLIT_A, metrics(new double[] {0.59, 0.6, 0.61}, new double[] {0.29, 0.3, 0.31}, 0.4, 3), LIMIT);
        // B generalises: the held-out coverage swings around the training coverage.
        ModelStudy b = HandMadeStudies.study("b", SPLIT_B, metrics(new double[] {0.5, 0.5, 0.5}, new double[] {0.4, 0.6, 0.5}, 0.5, 2), LIMIT);
        Report report = new Report(OPTIONS, List.of(a, b), Map.of());

        assertThat(report.table1Header()).containsExactly("metric", "a v3 (ae, prior)", "b v3 (ae, prior)",
                "limit: perfect generator (split seed 1, 75 % training)", "limit: perfect generator (split seed 2, 50 % training)",
                "report VAE", "report AE");
        TableRow heldOut = report.table1().stream().filter(r -> r.label().startsWith("coverage of held-out images")).findFirst().orElseThrow();
        // Values 0.29, 0.3, 0.31: sd 0.01, t(0.975, 2) = 4.302653, half-width 4.302653 x 0.01 / sqrt 3 = 0.0248.
        assertThat(heldOut.cells()).containsExactly("30.0 ± 2.5 %", "50.0 ± 24.8 %", "72.0 ± 5.0 %", "72.0 ± 5.0 %", "-", "-");
        TableRow reconstruction = report.table1().stream().filter(r -> r.label().startsWith("reconstruction error per image")).findFirst()
                .orElseThrow();
        assertThat(reconstruction.cells()).containsExactly("100.5000", "100.5000", "-", "-", "-", "-");

        // Shares of the limit's means: 0.4 / 0.8, 0.6 / 0.72, 0.3 / 0.72; divergences 3 - 1 and 0.5 - 0.5 bits above it.
        assertThat(report.limitTables().againstLimit().get(0).cells()).containsExactly("50.0 %", "50.0 %", "83.3 %", "41.7 %", "+2.0000", "+0.0000",
                "+2.0000");

        assertThat(report.limitTables().generalisation()).extracting(TableRow::label).containsExactly("a v3 (ae, prior)", "b v3 (ae, prior)",
                "perfect generator (split seed 1)", "perfect generator (split seed 2)");
        assertThat(report.limitTables().generalisation().get(0).cells()).containsExactly("3", "60.0 ± 2.5 %", "1", "30.0 ± 2.5 %", "30.0 ± 0.0", "memorises");
        assertThat(report.limitTables().generalisation().get(1).cells()).last().isEqualTo("generalises");
        // Rows about a model itself name its version too, as Table I's columns do, so that two versions are told apart.
        assertThat(report.disentanglement()).extracting(TableRow::label).containsExactly("a v3 (ae)", "b v3 (ae)");
        assertThat(report.mig()).extracting(TableRow::label).containsExactly("a v3 (ae)", "b v3 (ae)");
        assertThat(report.informationRates()).extracting(TableRow::label).containsExactly("a v3 (ae)", "b v3 (ae)");
        assertThat(report.stageTimes()).extracting(TableRow::label).contains("a v3 (ae): generative metrics", "b v3 (ae): reconstruction");
        assertThat(report.limitTables().generalisationFindings()).containsExactly(
                "a v3 (ae, prior) memorises: it covers 60.0 ± 2.5 % of its 3 training images and 30.0 ± 2.5 % of its 1 held-out images "
                        + "(gap 30.0 ± 0.0 points, the held-out coverage 50 % below the training coverage; beyond the noise of the draws "
                        + "and more than 10 %).",
                "b v3 (ae, prior) generalises: it covers 50.0 ± 0.0 % of its 2 training images and 50.0 ± 24.8 % of its 2 held-out images "
                        + "(gap 0.0 ± 24.8 points, the held-out coverage 0 % below the training coverage; within the noise of the draws).");
    }
}
