package dev.shapesvae.dataset;

import dev.shapesvae.dataset.Shape;
import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The counts that describe the dataset: entries, distinct images, duplicates, clipping, per shape and size. */
public record DatasetStatistics(int entries, int distinctImages, int duplicates, int clippedSquares,
        double meanOnPixels, List<Row> rows) {

    /** Counts for one shape and size. */
    public record Row(Shape shape, int size, int entries, int duplicates, int clipped, double meanOnPixels) {
    }

    public static DatasetStatistics of(ShapesDataset dataset) {
        List<Row> rows = new ArrayList<>();
        for (Shape shape : Shape.values()) {
            for (int size = Shape.MIN_SIZE; size <= Shape.MAX_SIZE; size++) {
                int s = size;
                List<ShapeEntry> group = dataset.entries().stream().filter(e -> e.shape() == shape && e.size() == s).toList();
                rows.add(new Row(shape, size, group.size(), (int) group.stream().filter(e -> isDuplicate(dataset, e)).count(),
                        (int) group.stream().filter(ShapeEntry::isClipped).count(), meanOn(group)));
            }
        }
        List<ShapeEntry> all = dataset.entries();
        return new DatasetStatistics(all.size(), dataset.distinctImages().size(), dataset.duplicateEntries().size(),
                (int) all.stream().filter(ShapeEntry::isClipped).count(), meanOn(all), List.copyOf(rows));
    }

    private static boolean isDuplicate(ShapesDataset dataset, ShapeEntry e) {
        return dataset.firstEntryOf(e.distinctIndex()) != e;
    }

    private static double meanOn(List<ShapeEntry> entries) {
        return entries.stream().mapToInt(e -> e.image().onCount()).average().orElse(0);
    }

    /** A plain-text table a person can read in a terminal; numbers as 0.5 in every locale. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "entries          %6d%n", entries));
        text.append(String.format(Locale.ROOT, "distinct images  %6d%n", distinctImages));
        text.append(String.format(Locale.ROOT, "duplicates       %6d  (entries whose image an earlier entry already drew)%n", duplicates));
        text.append(String.format(Locale.ROOT, "clipped squares  %6d  (squares at x or y = 29 - size run one pixel off the canvas)%n", clippedSquares));
        text.append(String.format(Locale.ROOT, "mean on-pixels   %8.1f%n%n", meanOnPixels));
        text.append(String.format(Locale.ROOT, "%-9s %4s %8s %10s %8s %10s%n", "shape", "size", "entries", "duplicates", "clipped", "on-pixels"));
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "%-9s %4d %8d %10d %8d %10.1f%n", row.shape().label(), row.size(), row.entries(),
                    row.duplicates(), row.clipped(), row.meanOnPixels()));
        }
        for (Shape shape : Shape.values()) {
            text.append(String.format(Locale.ROOT, "%-9s total %7d%n", shape.label(),
                    rows.stream().filter(r -> r.shape() == shape).mapToInt(Row::entries).sum()));
        }
        return text.toString();
    }

    /** The per-shape-and-size table as CSV. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("shape,size,entries,duplicates,clipped,mean_on_pixels\n");
        for (Row row : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.3f%n", row.shape().label(), row.size(),
                    row.entries(), row.duplicates(), row.clipped(), row.meanOnPixels()));
        }
        return csv.toString();
    }
}
