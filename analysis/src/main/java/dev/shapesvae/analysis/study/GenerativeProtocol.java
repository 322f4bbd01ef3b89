package dev.shapesvae.analysis.study;

import dev.shapesvae.analysis.metrics.Coverage;
import dev.shapesvae.analysis.metrics.Estimate;
import dev.shapesvae.analysis.metrics.NearestNeighbourDistance;
import dev.shapesvae.analysis.metrics.SampleDistribution;
import dev.shapesvae.dataset.DatasetSplit;
import dev.shapesvae.inference.NearestImages;

/**
 * The report's protocol for generative metrics (SPEC section 5), the same for every source of
 * images: per seed s, M images for the nearest-neighbour distance drawn with seed
 * {@code base + 1000 s}, M for coverage (all images, the report's form, training and held-out
 * images of the split) with {@code base + 1000 s + 1}, M for the KL divergences with
 * {@code base + 1000 s + 2}; so every metric has its own draws and a run is reproducible.
 */
public final class GenerativeProtocol {
    private final EntryImages dataset;
    private final StudyOptions options;

    public GenerativeProtocol(EntryImages dataset, StudyOptions options) {
        this.dataset = dataset;
        this.options = options;
    }

    /** Every generative metric of {@code source}, with training and held-out images from {@code split}. */
    public GenerativeMetrics measure(ImageMatches source, DatasetSplit split) {
        int n = options.seeds();
        double[] nn = new double[n];
        double[] coverage = new double[n];
        double[] coverageReport = new double[n];
        double[] coverageTrain = new double[n];
        double[] coverageHeldOut = new double[n];
        double[] klReport = new double[n];
        double[] klUniform = new double[n];
        double[] js = new double[n];
        int distinct = dataset.images();
        int[] train = split.train();
        int[] heldOut = split.validation();
        for (int s = 0; s < n; s++) {
            long base = options.seed() + 1000L * s;
            nn[s] = NearestNeighbourDistance.mean(source.draw(options.nearestNeighbourSamples(), base));
            NearestImages.Match[] cov = source.draw(options.coverageSamples(), base + 1);
            coverage[s] = Coverage.distinct(cov, distinct, options.tau());
            coverageReport[s] = Coverage.reportCompatible(cov, distinct, dataset.entries(), options.tau());
            coverageTrain[s] = Coverage.among(cov, distinct, options.tau(), train);
            coverageHeldOut[s] = Coverage.among(cov, distinct, options.tau(), heldOut);
            NearestImages.Match[] kl = source.draw(options.klSamples(), base + 2);
            int[] nearestDistinct = new int[kl.length];
            int[] nearestEntry = new int[kl.length];
            for (int i = 0; i < kl.length; i++) {
                nearestDistinct[i] = kl[i].index();
                // The first of equal entries, as the report's search over entries returned.
                nearestEntry[i] = dataset.firstEntryOf(kl[i].index());
            }
            klReport[s] = new SampleDistribution(nearestEntry, dataset.entries()).reportKl();
            SampleDistribution q = new SampleDistribution(nearestDistinct, distinct);
            klUniform[s] = q.klFromUniform();
            js[s] = q.jensenShannon();
        }
        return new GenerativeMetrics(Estimate.of(nn), Estimate.of(coverage), Estimate.of(coverageReport), Estimate.of(coverageTrain),
                Estimate.of(coverageHeldOut), Estimate.of(klReport), Estimate.of(klUniform), Estimate.of(js));
    }
}
