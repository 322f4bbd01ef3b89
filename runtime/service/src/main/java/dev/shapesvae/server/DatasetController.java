package dev.shapesvae.server;

import dev.shapesvae.dataset.IntRange;
import dev.shapesvae.dataset.Shape;
import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /api/dataset}, read only: which (shape, size, x, y) are valid entries, and the image of
 * one, so that a client (the page at {@code /}) can pick an entry and encode it without
 * re-implementing the drawing rules.
 */
@ErrorResponses
@Controller("/api/dataset")
public final class DatasetController {
    /** The valid anchors of one shape and size. */
    record SizeRanges(int size, IntRange x, IntRange y) {
    }

    /** One shape and its sizes. */
    record ShapeRanges(String shape, List<SizeRanges> sizes) {
    }

    /** The dataset's layout: how many entries, and the valid ranges of each shape. */
    record Layout(int entries, List<ShapeRanges> shapes) {
    }

    /** One entry: its index in canonical order (as {@code traverse?entry=} takes it) and its 784 pixels. */
    record Entry(int index, String shape, int size, int x, int y, float[] image) {
    }

    private final ShapesDataset dataset = ShapesDataset.standard();

    @Operation(summary = "The dataset's shapes, sizes and the valid x and y of each")
    @Get
    Layout layout() {
        List<ShapeRanges> shapes = new ArrayList<>();
        for (Shape shape : Shape.values()) {
            List<SizeRanges> sizes = new ArrayList<>();
            for (int size = Shape.MIN_SIZE; size <= Shape.MAX_SIZE; size++) {
                sizes.add(new SizeRanges(size, shape.xRange(size), shape.yRange(size)));
            }
            shapes.add(new ShapeRanges(shape.label(), sizes));
        }
        return new Layout(dataset.entries().size(), shapes);
    }

    @Operation(summary = "One dataset entry by shape, size, x and y, with its index and image")
    @Get("/entry")
    Entry entry(@QueryValue String shape, @QueryValue int size, @QueryValue int x, @QueryValue int y) {
        Shape s = Arrays.stream(Shape.values()).filter(v -> v.label().equals(shape)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("'shape' must be one of "
                        + Arrays.stream(Shape.values()).map(Shape::label).toList() + ", got '" + shape + "'"));
        if (size < Shape.MIN_SIZE || size > Shape.MAX_SIZE) {
            throw ApiException.badRequest("'size' must be between " + Shape.MIN_SIZE + " and " + Shape.MAX_SIZE + ", got " + size);
        }
        requireWithin("x", x, s.xRange(size), s, size);
        requireWithin("y", y, s.yRange(size), s, size);
        ShapeEntry e = dataset.entries().stream()
                .filter(c -> c.shape() == s && c.size() == size && c.x() == x && c.y() == y)
                .findFirst().orElseThrow();
        return new Entry(e.index(), s.label(), size, x, y, e.image().toFloats());
    }

    private static void requireWithin(String name, int value, IntRange range, Shape shape, int size) {
        if (value < range.min() || value > range.max()) {
            throw ApiException.badRequest("'" + name + "' must be between " + range.min() + " and " + range.max()
                    + " for a " + shape.label() + " of size " + size + ", got " + value);
        }
    }
}
