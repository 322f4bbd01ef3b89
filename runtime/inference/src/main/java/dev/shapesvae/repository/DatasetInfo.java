package dev.shapesvae.repository;

import dev.shapesvae.dataset.DatasetSplit;
import dev.shapesvae.dataset.ShapesDataset;

/** Which data a model was fitted on: the dataset, its size, and the split. */
public record DatasetInfo(String name, int entries, int distinctImages, long splitSeed, double trainFraction,
        int trainImages, int validationImages) {
    /** Name of the exact 28 x 28 shapes enumeration of SPEC section 1. */
    public static final String SHAPES = "shapes-28x28-exact";

    /** Describes a split of the standard dataset. */
    public static DatasetInfo of(ShapesDataset dataset, DatasetSplit split) {
        return new DatasetInfo(SHAPES, dataset.entries().size(), dataset.distinctImages().size(), split.seed(),
                split.trainFraction(), split.train().length, split.validation().length);
    }
}
