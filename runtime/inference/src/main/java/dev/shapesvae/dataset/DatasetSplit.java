package dev.shapesvae.dataset;

import java.util.Arrays;

/**
 * A train/validation split over distinct images (indices into
 * {@link ShapesDataset#distinctImages()}, ascending). The arrays are copied in and out, so a split
 * cannot be changed after it is made.
 */
public record DatasetSplit(long seed, double trainFraction, int[] train, int[] validation) {
    public DatasetSplit {
        train = train.clone();
        validation = validation.clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetSplit other && seed == other.seed && trainFraction == other.trainFraction
                && Arrays.equals(train, other.train) && Arrays.equals(validation, other.validation);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + Arrays.hashCode(train);
    }

    @Override
    public String toString() {
        return "DatasetSplit[seed=" + seed + ", train=" + train.length + ", validation=" + validation.length + "]";
    }
}
