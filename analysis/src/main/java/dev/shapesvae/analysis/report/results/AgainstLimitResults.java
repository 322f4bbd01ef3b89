package dev.shapesvae.analysis.report.results;

import dev.shapesvae.analysis.study.AgainstLimit;

/**
 * A sampler's generative metrics beside the perfect generator's (see {@link AgainstLimit}):
 * coverage as a share of the limit's, higher better; divergences as bits above the limit's,
 * lower better. A share whose limit is 0 is undefined: null.
 */
public record AgainstLimitResults(Double coverageOfLimit, Double coverageReportFormOfLimit, Double coverageTrainOfLimit,
        Double coverageHeldOutOfLimit, double klReportFormBitsAboveLimit, double klFromUniformBitsAboveLimit,
        double jensenShannonBitsAboveLimit) {

    public static AgainstLimitResults of(AgainstLimit a) {
        return new AgainstLimitResults(Copies.nanAsNull(a.coverageOfLimit()), Copies.nanAsNull(a.coverageReportFormOfLimit()),
                Copies.nanAsNull(a.coverageTrainOfLimit()), Copies.nanAsNull(a.coverageHeldOutOfLimit()), a.klReportFormBitsAboveLimit(),
                a.klFromUniformBitsAboveLimit(), a.jensenShannonBitsAboveLimit());
    }
}
