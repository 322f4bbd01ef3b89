package dev.shapesvae.analysis.study;

/**
 * A source's generative metrics beside the perfect generator's under the same protocol, from the
 * means over seeds. Coverage as a share of the limit's: higher is better, 1 is as good as a
 * generator that draws the dataset itself (a generator that spreads its samples more evenly than
 * uniform draws can pass it). Divergences as bits above the limit's: lower is better, 0 is as
 * close to the uniform distribution as M uniform draws come. The nearest-neighbour distance has
 * no comparison: the limit's is 0. A share whose limit is 0 (tiny M) is undefined: NaN.
 */
public record AgainstLimit(double coverageOfLimit, double coverageReportFormOfLimit, double coverageTrainOfLimit,
        double coverageHeldOutOfLimit, double klReportFormBitsAboveLimit, double klFromUniformBitsAboveLimit,
        double jensenShannonBitsAboveLimit) {

    public static AgainstLimit of(GenerativeMetrics source, GenerativeMetrics limit) {
        return new AgainstLimit(share(source.coverage().mean(), limit.coverage().mean()),
                share(source.coverageReport().mean(), limit.coverageReport().mean()),
                share(source.coverageTrain().mean(), limit.coverageTrain().mean()),
                share(source.coverageHeldOut().mean(), limit.coverageHeldOut().mean()),
                source.klReport().mean() - limit.klReport().mean(),
                source.klFromUniform().mean() - limit.klFromUniform().mean(),
                source.jensenShannon().mean() - limit.jensenShannon().mean());
    }

    private static double share(double value, double limit) {
        return limit > 0 ? value / limit : Double.NaN;
    }
}
