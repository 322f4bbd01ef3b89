package dev.shapesvae.analysis.study;

import dev.shapesvae.dataset.DatasetSplit;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.repository.DatasetInfo;
import dev.shapesvae.repository.ModelBundle;

/**
 * The training and validation images a model was fitted on, made again from what its
 * {@code model.json} records: the trainer splits the distinct images with
 * {@link ShapesDataset#split(long, double)}, which gives the same split for a seed and fraction
 * on every JVM.
 */
public final class ModelSplit {
    private ModelSplit() {
    }

    /**
     * The split of {@code bundle}; refuses a bundle fitted on another dataset, or whose recorded
     * split sizes are not those the seed and fraction give.
     */
    public static DatasetSplit of(ShapesDataset dataset, ModelBundle bundle) {
        DatasetInfo info = bundle.manifest().dataset();
        String model = bundle.name() + " v" + bundle.version();
        if (!DatasetInfo.SHAPES.equals(info.name()) || info.entries() != dataset.entries().size()
                || info.distinctImages() != dataset.distinctImages().size()) {
            throw new IllegalArgumentException(model + " was fitted on dataset '" + info.name() + "' (" + info.entries() + " entries, "
                    + info.distinctImages() + " distinct images), not on " + DatasetInfo.SHAPES + " that the study measures");
        }
        DatasetSplit split = dataset.split(info.splitSeed(), info.trainFraction());
        if (split.train().length != info.trainImages() || split.validation().length != info.validationImages()) {
            throw new IllegalArgumentException(model + ": model.json records " + info.trainImages() + " training and "
                    + info.validationImages() + " validation images, but split seed " + info.splitSeed() + " with fraction "
                    + info.trainFraction() + " gives " + split.train().length + " and " + split.validation().length);
        }
        return split;
    }
}
