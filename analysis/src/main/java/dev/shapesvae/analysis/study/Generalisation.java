package dev.shapesvae.analysis.study;

import dev.shapesvae.analysis.metrics.Estimate;

/**
 * Whether a source generates the images a model was trained on more readily than those it never
 * saw. The gap is training coverage minus held-out coverage, seed by seed (both from the same
 * draws); the shortfall is the gap as a share of the training coverage. The rule:
 * <ul>
 * <li>{@link Verdict#GENERALISES}: the gap's 95 % interval reaches 0 (or the gap is not
 * positive): no gap beyond the noise of the draws;</li>
 * <li>{@link Verdict#MEMORISES}: the interval lies above 0 and the shortfall is more than
 * {@link #MEMORISING_SHORTFALL}: held-out images come out markedly less often;</li>
 * <li>{@link Verdict#LEANS_ON_TRAINING}: the interval lies above 0 but the shortfall is smaller.</li>
 * </ul>
 * With one seed there is no interval, and the shortfall alone decides between memorising and
 * generalising.
 *
 * @param gap training minus held-out coverage per seed
 * @param shortfall the mean gap over the mean training coverage (0 when nothing is covered)
 */
public record Generalisation(Estimate gap, double shortfall, Verdict verdict) {
    /** A held-out coverage more than a tenth below the training coverage counts as memorising. */
    public static final double MEMORISING_SHORTFALL = 0.1;

    /** The finding, with the word the report prints for it. */
    public enum Verdict {
        GENERALISES("generalises"), LEANS_ON_TRAINING("leans on its training images"), MEMORISES("memorises");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public static Generalisation of(GenerativeMetrics metrics) {
        double[] train = metrics.coverageTrain().values();
        double[] heldOut = metrics.coverageHeldOut().values();
        double[] gaps = new double[train.length];
        for (int s = 0; s < gaps.length; s++) {
            gaps[s] = train[s] - heldOut[s];
        }
        Estimate gap = Estimate.of(gaps);
        double trainMean = metrics.coverageTrain().mean();
        double shortfall = trainMean > 0 ? gap.mean() / trainMean : 0;
        boolean oneSeed = gaps.length == 1;
        boolean beyondNoise = oneSeed ? gap.mean() > 0 : gap.low() > 0;
        Verdict verdict;
        if (!beyondNoise) {
            verdict = Verdict.GENERALISES;
        } else if (shortfall > MEMORISING_SHORTFALL) {
            verdict = Verdict.MEMORISES;
        } else {
            verdict = oneSeed ? Verdict.GENERALISES : Verdict.LEANS_ON_TRAINING;
        }
        return new Generalisation(gap, shortfall, verdict);
    }
}
