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

    public ImageGrid {
        if (columns <= 0 || scale <= 0 || separator < 0) {
            throw new IllegalArgumentException("grid needs positive columns and scale and a non-negative separator");
        }
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
