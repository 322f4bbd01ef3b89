package dev.shapesvae.analysis.report;

import dev.shapesvae.repository.ModelKind;
import java.util.Map;

/** The report's own Table I (SPEC section 5), to print beside ours on the same protocol. */
final class PaperTable {
    static final Map<ModelKind, Double> NEAREST_NEIGHBOUR = Map.of(ModelKind.VAE, 2.2377, ModelKind.AE, 3.2141);
    static final Map<ModelKind, Double> COVERAGE = Map.of(ModelKind.VAE, 0.571, ModelKind.AE, 0.437);
    static final Map<ModelKind, Double> KL = Map.of(ModelKind.VAE, 8.4022, ModelKind.AE, 8.2702);
    static final Map<ModelKind, Double> RECONSTRUCTION = Map.of(ModelKind.VAE, 519.8196, ModelKind.AE, 607.9106);
    /** The report's AE information rate, computed with the sigma_n (not sigma_n^2) bug. */
    static final double AE_RATE = 12.9;

    private PaperTable() {
    }
}
