package dev.shapesvae.inference;

import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.inference.NearestImages;

/**
 * Labels images with their nearest valid dataset entry: shape, size, position and Euclidean
 * distance, and whether that is within the coverage threshold. The search runs over the 7824
 * distinct binary images with {@link NearestImages} (one matrix product and arg-min per batch in
 * ONNX Runtime), which labels thousands of images per second on two cores; the entry reported
 * is the first, in canonical order, that draws the nearest image.
 */
public final class NearestShape implements AutoCloseable {
    /** The coverage threshold of the study (SPEC section 5). */
    public static final double DEFAULT_THRESHOLD = 3.0;

    private final ShapesDataset dataset;
    private final NearestImages search;
    private final double threshold;

    /** One image's label. */
    public record Label(String shape, int size, int x, int y, double distance, boolean withinThreshold) {
    }

    /** Labels against the distinct images of {@code dataset}; a distance at most {@code threshold} is within it. */
    public NearestShape(ShapesDataset dataset, double threshold) {
        this.dataset = dataset;
        this.search = new NearestImages(dataset.distinctImages());
        this.threshold = threshold;
    }

    /** The label of every row of {@code images} [N, 784], in order. */
    public Label[] label(FloatMatrix images) {
        NearestImages.Match[] matches = search.nearest(images);
        Label[] labels = new Label[matches.length];
        for (int i = 0; i < matches.length; i++) {
            ShapeEntry e = dataset.firstEntryOf(matches[i].index());
            labels[i] = new Label(e.shape().label(), e.size(), e.x(), e.y(), matches[i].distance(), matches[i].distance() <= threshold);
        }
        return labels;
    }

    @Override
    public void close() {
        search.close();
    }
}
