package dev.shapesvae.analysis.report.results;

import dev.shapesvae.dataset.DatasetSplit;

/**
 * The split a model was fitted on, as its model.json records it: training and held-out
 * (validation) distinct images.
 */
public record SplitResults(long seed, double trainFraction, int trainImages, int heldOutImages) {

    public static SplitResults of(DatasetSplit split) {
        return new SplitResults(split.seed(), split.trainFraction(), split.train().length, split.validation().length);
    }
}
