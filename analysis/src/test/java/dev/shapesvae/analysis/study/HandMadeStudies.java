package dev.shapesvae.analysis.study;

import dev.shapesvae.analysis.metrics.Dci;
import dev.shapesvae.analysis.metrics.LatentCorrelations;
import dev.shapesvae.analysis.metrics.MutualInformationGap;
import dev.shapesvae.analysis.metrics.SeparatedAttributePredictability;
import dev.shapesvae.dataset.DatasetSplit;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.testing.Fixtures;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Studies of an AE with latent 2 whose every number is set by hand, so that a test of the report
 * or of metrics.json can look for each one where it should land. No model is run.
 */
public final class HandMadeStudies {
    private HandMadeStudies() {
    }

    /**
     * A study of {@code name} v3 with one sampler, {@code prior}, and these latent findings: rate 4
     * bits (1.5 and 2.5 per dimension; 7 in the report's form); MIG 0.25 with gaps 0.1 to 0.4 for
     * shape, size, x, y; DCI 0.5, 0.25, 1.0, 0.75; SAP from accuracies whose top-two gaps are 0.5,
     * 0, 0.125, 0.5; correlations with size and a constant column for x; reconstruction 100.5 bits
     * (9900.25 in the report's form); stages of 2 and 1 s.
     */
    public static ModelStudy study(String name, DatasetSplit split, GenerativeMetrics prior, GenerativeMetrics limit) {
        ModelBundle bundle = new ModelBundle(name, 3, Path.of("unused"), Fixtures.manifest(Fixtures.config(ModelKind.AE, 2, false)));
        LatentCorrelations correlations = new LatentCorrelations(List.of("size", "x"),
                new double[][] {{0.5, Double.NaN}, {-0.25, Double.NaN}}, new double[][] {{0.75, Double.NaN}, {0.125, Double.NaN}});
        MutualInformationGap mig = new MutualInformationGap(0.25, new double[] {0.1, 0.2, 0.3, 0.4}, new double[2][4]);
        Dci dci = new Dci(0.5, 0.25, 1.0, 0.75, new double[][] {{1, 0, 0.5, 0.5}, {0, 1, 0.5, 0.5}});
        SeparatedAttributePredictability sap = SeparatedAttributePredictability.ofScores(new double[][] {{0.75, 0.5, 0.25, 0.5}, {0.25, 0.5, 0.125, 1}});
        LatentFindings latent = new LatentFindings(new double[] {1.5, 2.5}, 4, new double[] {3, 4}, 7, correlations, mig, dci, sap,
                new FloatMatrix(1, 2, new float[2]));
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("generative metrics", 2.0);
        seconds.put("reconstruction", 1.0);
        return new ModelStudy(bundle, split, List.of(SamplerStudy.of("prior", prior, limit)), limit, 100.5, 9900.25, latent, seconds);
    }
}
