package dev.shapesvae.analysis.report.results;

import dev.shapesvae.analysis.study.LatentFindings;
import dev.shapesvae.analysis.study.ModelAnalyzer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one model's latent layer carries: its information rate, how disentangled it is (the Mutual
 * Information Gap per factor, DCI and SAP), and the correlation of each latent dimension with
 * each feature.
 *
 * @param rateReportFormBits the AE's rate in the report's form (divided by sigma_n); a VAE's rate
 * @param migPerFactor the gap per factor, in the factors' order (shape, size, x, y)
 * @param pearson [dimension][feature]; null where a column is constant and the correlation undefined
 * @param spearman as {@code pearson}
 */
public record LatentResults(double rateBits, List<Double> rateBitsPerDimension, double rateReportFormBits, double mig,
        Map<String, Double> migPerFactor, DciResults dci, SapResults sap, List<String> features, List<List<Double>> pearson,
        List<List<Double>> spearman) {
    public LatentResults {
        rateBitsPerDimension = List.copyOf(Copies.present("rateBitsPerDimension", rateBitsPerDimension));
        migPerFactor = Copies.ordered("migPerFactor", migPerFactor);
        Copies.present("dci", dci);
        Copies.present("sap", sap);
        features = List.copyOf(Copies.present("features", features));
        pearson = Copies.matrix("pearson", pearson);
        spearman = Copies.matrix("spearman", spearman);
        for (List<List<Double>> correlations : List.of(pearson, spearman)) {
            if (correlations.size() != rateBitsPerDimension.size()) {
                throw new IllegalArgumentException("correlations have " + correlations.size() + " rows for "
                        + rateBitsPerDimension.size() + " latent dimensions");
            }
            for (List<Double> row : correlations) {
                if (row.size() != features.size()) {
                    throw new IllegalArgumentException("a row of correlations has " + row.size() + " values for " + features.size() + " features");
                }
            }
        }
    }

    public static LatentResults of(LatentFindings latent) {
        Map<String, Double> perFactor = new LinkedHashMap<>();
        List<String> factors = ModelAnalyzer.FACTORS;
        for (int f = 0; f < factors.size(); f++) {
            perFactor.put(factors.get(f), latent.mig().perFactor()[f]);
        }
        return new LatentResults(latent.rate(), Arrays.stream(latent.ratePerDimension()).boxed().toList(), latent.reportRate(),
                latent.mig().mig(), perFactor, DciResults.of(latent.dci()), SapResults.of(latent.sap(), factors),
                latent.correlations().features(), Copies.nanAsNull(latent.correlations().pearson()),
                Copies.nanAsNull(latent.correlations().spearman()));
    }
}
