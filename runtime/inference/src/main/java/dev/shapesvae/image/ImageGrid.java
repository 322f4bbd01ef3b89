package dev.shapesvae.image;

import dev.shapesvae.dataset.Canvas;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Lays out 28 x 28 images (784 intensities in [0, 1], row-major) in a grid, each pixel upscaled
 * to a {@code scale} x {@code scale} block, with a thin grey separator between cells so that
 * neighbouring shapes do not run together.
 */
public record ImageGrid(int columns, int scale, int separator) {
    /** Grey level of the separator lines. */
    private static final int SEPARATOR_GREY = 96;
    /** Output pixels per image pixel in a sample grid: 28 x 28 images are too small to see at 1:1. */
    public static final int SAMPLE_SCALE = 3;
    /** Separator width of a sample grid, in output pixels. */
    public static final int SAMPLE_SEPARATOR = 2;

    /** Checks that columns and scale are positive and the separator is not negative. */
    public ImageGrid {
        if (columns <= 0 || scale <= 0 || separator < 0) {
            throw new IllegalArgumentException("grid needs positive columns and scale and a non-negative separator");
        }
    }

    /** The grid of samples the service and the CLI draw: {@value #SAMPLE_SCALE}x scale, {@value #SAMPLE_SEPARATOR}-pixel separators. */
    public static ImageGrid samples(int columns) {
        return new ImageGrid(columns, SAMPLE_SCALE, SAMPLE_SEPARATOR);
    }

    /** One image at its own size, 28 x 28 pixels of 8-bit grey, 0 black to 255 white. */
    public static BufferedImage single(float[] image) {
        return new ImageGrid(1, 1, 0).render(List.of(image));
    }

    /** Side of one cell in output pixels, without the separator. */
    public int cellSide() {
        return Canvas.SIDE * scale;
    }

    /** Renders the images left to right, top to bottom, as an 8-bit grey image. */
    public BufferedImage render(List<float[]> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to render");
        }
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        int step = cellSide() + separator;
        BufferedImage out = new BufferedImage(cols * step + separator, rows * step + separator, BufferedImage.TYPE_BYTE_GRAY);
        var raster = out.getRaster();
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                raster.setSample(x, y, 0, SEPARATOR_GREY);
            }
        }
        for (int i = 0; i < images.size(); i++) {
            float[] image = images.get(i);
            if (image.length != Canvas.PIXELS) {
                throw new IllegalArgumentException("image " + i + " has " + image.length + " values, expected " + Canvas.PIXELS);
            }
            int left = separator + (i % cols) * step;
            int top = separator + (i / cols) * step;
            for (int r = 0; r < Canvas.SIDE; r++) {
                for (int c = 0; c < Canvas.SIDE; c++) {
                    int grey = toGrey(image[Canvas.index(r, c)]);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            raster.setSample(left + c * scale + dx, top + r * scale + dy, 0, grey);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Maps an intensity in [0, 1] to 0..255; values outside are clamped, NaN is black. */
    static int toGrey(float value) {
        if (!(value > 0)) {
            return 0;
        }
        return value >= 1 ? 255 : Math.round(value * 255);
    }
}
