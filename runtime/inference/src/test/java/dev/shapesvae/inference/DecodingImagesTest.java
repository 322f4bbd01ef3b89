package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.dataset.BinaryImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A decoding's pictures against hand-set logits and probabilities. */
class DecodingImagesTest {
    /** Three images: the first has logits 2, -1, 0 and probabilities 0.25, 1, 0 in its first three pixels; all else is 0. */
    private static Decoding threeImages() {
        float[] logits = new float[3 * 784];
        float[] probs = new float[3 * 784];
        logits[0] = 2;
        logits[1] = -1;
        logits[2] = 0;
        probs[0] = 0.25f;
        probs[1] = 1;
        probs[784 + 28] = 0.5f; // image 1, row 1, column 0
        logits[2 * 784 + 783] = 0.001f; // image 2, last pixel
        return new Decoding(new FloatMatrix(3, 784, logits), new FloatMatrix(3, 784, probs));
    }

    @Test
    void anImageIs28By28GreyWithEachPixelsProbabilityScaledTo255() {
        BufferedImage first = threeImages().image(0);

        assertThat(first.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(first.getWidth()).isEqualTo(28);
        assertThat(first.getHeight()).isEqualTo(28);
        // 0.25 x 255 = 63.75, rounded to 64.
        assertThat(first.getRaster().getSample(0, 0, 0)).isEqualTo(64);
        assertThat(first.getRaster().getSample(1, 0, 0)).isEqualTo(255);
        assertThat(first.getRaster().getSample(2, 0, 0)).isZero();
        // 0.5 x 255 = 127.5, rounded to 128, at x = 0, y = 1.
        assertThat(threeImages().image(1).getRaster().getSample(0, 1, 0)).isEqualTo(128);
        assertThatThrownBy(() -> threeImages().image(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theBinaryImageHasThePixelsWhoseLogitIsAboveZero() {
        Decoding decoding = threeImages();

        assertThat(decoding.binaryImage(0).toText().lines().findFirst()).contains("#" + ".".repeat(27));
        assertThat(decoding.binaryImage(0).onCount()).isEqualTo(1);
        assertThat(decoding.binaryImage(1).onCount()).isZero();
        assertThat(decoding.binaryImage(2).onIndices()).containsExactly(783);
        assertThat(decoding.binaryImage(2)).isEqualTo(BinaryImage.of((r, c) -> r == 27 && c == 27));
    }

    @Test
    void theGridHoldsTheImagesAtThreeTimesTheirSizeBetweenTwoPixelSeparatorsAndThePngIsThatGrid() throws IOException {
        Decoding decoding = threeImages();
        BufferedImage grid = decoding.grid(2);

        // Two columns and two rows of 84-pixel cells with 2-pixel separators: 2 + 2 x (84 + 2) = 174.
        assertThat(grid.getWidth()).isEqualTo(174);
        assertThat(grid.getHeight()).isEqualTo(174);
        assertThat(grid.getRaster().getSample(0, 0, 0)).isEqualTo(96);
        assertThat(grid.getRaster().getSample(2, 2, 0)).isEqualTo(64);
        assertThat(grid.getRaster().getSample(4, 4, 0)).isEqualTo(64);
        assertThat(grid.getRaster().getSample(5, 2, 0)).isEqualTo(255);
        // Image 1 is the second cell of the first row: x from 2 + 86 = 88; its pixel (row 1, column 0) at y = 2 + 3.
        assertThat(grid.getRaster().getSample(88, 5, 0)).isEqualTo(128);

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(decoding.png(2)));
        assertThat(png.getWidth()).isEqualTo(174);
        assertThat(png.getRaster().getSample(88, 5, 0)).isEqualTo(128);
        assertThat(png.getRaster().getSamples(0, 0, 174, 174, 0, (int[]) null))
                .containsExactly(grid.getRaster().getSamples(0, 0, 174, 174, 0, (int[]) null));
    }
}
