package dev.shapesvae.trainer.data;

import dev.shapesvae.dataset.DatasetSplit;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.repository.DatasetInfo;

/**
 * The images a run trains and validates on: the standard dataset's distinct images split once, by
 * the seed and fraction its checkpoints record, into training and validation images. The one value
 * is handed to the graph (the pixels), the training loop (the row counts) and the exporter (what the
 * bundle says the model was fitted on).
 */
public record TrainingData(ShapesDataset dataset, DatasetSplit split) {
    /** Share of the distinct images used for training (SPEC section 1). */
    public static final double TRAIN_FRACTION = 0.9;

    /** Splits the standard dataset. */
    public static TrainingData split(long seed, double trainFraction) {
        ShapesDataset dataset = ShapesDataset.standard();
        return new TrainingData(dataset, dataset.split(seed, trainFraction));
    }

    /** The training images as one row-major [trainRows, 784] matrix. */
    public float[] trainPixels() {
        return dataset.pixels(split.train());
    }

    /** The validation images as one row-major [validationRows, 784] matrix. */
    public float[] validationPixels() {
        return dataset.pixels(split.validation());
    }

    public int trainRows() {
        return split.train().length;
    }

    public int validationRows() {
        return split.validation().length;
    }

    /** The split as the bundle's manifest records it. */
    public DatasetInfo info() {
        return DatasetInfo.of(dataset, split);
    }
}
