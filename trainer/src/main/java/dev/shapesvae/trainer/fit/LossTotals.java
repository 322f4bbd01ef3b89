package dev.shapesvae.trainer.fit;

import dev.shapesvae.repository.LossValues;

/**
 * Running totals of batch losses: each term's batch means weighted by the batch sizes, and the
 * samples seen. An epoch's mean training loss, or a validation pass's, as it accumulates batch by
 * batch (the last batch is smaller, so plain means of the batch means would weigh it too much).
 */
record LossTotals(LossValues sums, long samples) {
    static final LossTotals NONE = new LossTotals(new LossValues(0, 0, 0), 0);

    /** These totals and one more batch of {@code size} rows whose mean loss was {@code batchMean}. */
    LossTotals plus(LossValues batchMean, int size) {
        return new LossTotals(new LossValues(sums.reconstruction() + batchMean.reconstruction() * size,
                sums.regulariser() + batchMean.regulariser() * size, sums.total() + batchMean.total() * size), samples + size);
    }

    /** The mean loss per sample. */
    LossValues mean() {
        return new LossValues(sums.reconstruction() / samples, sums.regulariser() / samples, sums.total() / samples);
    }
}
