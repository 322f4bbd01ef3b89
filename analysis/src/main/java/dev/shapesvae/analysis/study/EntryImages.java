package dev.shapesvae.analysis.study;

import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import java.util.Arrays;

/**
 * Which distinct image each dataset entry draws: what the generative metrics need to know of the
 * dataset besides the images themselves. Entries are numbered in canonical order, as
 * {@link ShapesDataset} numbers them; several entries may draw the same image.
 */
public final class EntryImages {
    private final int[] imageOfEntry;
    private final int[] firstEntry;

    /**
     * @param imageOfEntry the distinct image of each entry
     * @param images the number of distinct images, each drawn by at least one entry
     */
    public EntryImages(int[] imageOfEntry, int images) {
        this.imageOfEntry = imageOfEntry.clone();
        this.firstEntry = new int[images];
        Arrays.fill(firstEntry, -1);
        for (int e = imageOfEntry.length - 1; e >= 0; e--) {
            int image = imageOfEntry[e];
            if (image < 0 || image >= images) {
                throw new IllegalArgumentException("entry " + e + " draws image " + image + ", not one of the " + images + " images");
            }
            firstEntry[image] = e;
        }
        for (int image = 0; image < images; image++) {
            if (firstEntry[image] < 0) {
                throw new IllegalArgumentException("no entry draws image " + image);
            }
        }
    }

    /** The entries and distinct images of the dataset. */
    public static EntryImages of(ShapesDataset dataset) {
        return new EntryImages(dataset.entries().stream().mapToInt(ShapeEntry::distinctIndex).toArray(), dataset.distinctImages().size());
    }

    public int entries() {
        return imageOfEntry.length;
    }

    public int images() {
        return firstEntry.length;
    }

    /** The distinct image that entry {@code entry} draws. */
    public int imageOf(int entry) {
        return imageOfEntry[entry];
    }

    /** The first entry (in canonical order) that draws {@code image}. */
    public int firstEntryOf(int image) {
        return firstEntry[image];
    }
}
