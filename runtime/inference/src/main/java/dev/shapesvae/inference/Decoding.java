package dev.shapesvae.inference;

import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.image.ImageGrid;
import dev.shapesvae.image.Png;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Decoder outputs for a batch of latents, one row an image: the logits and probs = sigmoid(logits),
 * each [N, 784], and the same images as pictures.
 *
 * @param logits the decoder's logits, [N, 784]
 * @param probs each pixel's probability of being on, [N, 784]
 */
public record Decoding(FloatMatrix logits, FloatMatrix probs) {
    /** How many images. */
    public int count() {
        return probs.rows();
    }

    /** Image {@code i} as 28 x 28 pixels of 8-bit grey: each pixel's probability, 0 black to 255 white. */
    public BufferedImage image(int i) {
        return ImageGrid.single(probs.row(Objects.checkIndex(i, count())));
    }

    /**
     * Image {@code i} as the most likely black-and-white image: the pixels whose logit is above 0,
     * that is whose probability is above one half (each pixel is a Bernoulli variable).
     */
    public BinaryImage binaryImage(int i) {
        int offset = Objects.checkIndex(i, count()) * Canvas.PIXELS;
        float[] values = logits.data();
        return BinaryImage.of((r, c) -> values[offset + Canvas.index(r, c)] > 0);
    }

    /** All images in a grid {@code columns} wide, left to right, top to bottom, as {@link ImageGrid#samples} lays them out. */
    public BufferedImage grid(int columns) {
        return ImageGrid.samples(columns).render(probs.rowList());
    }

    /** The {@link #grid} as the bytes of a PNG file. */
    public byte[] png(int columns) {
        return Png.bytes(grid(columns));
    }
}
