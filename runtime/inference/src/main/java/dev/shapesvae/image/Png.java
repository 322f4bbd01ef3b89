package dev.shapesvae.image;

import dev.shapesvae.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** PNG encoding, to bytes or atomically to a file. */
public final class Png {
    private Png() {
    }

    /** The image as the bytes of a PNG file. */
    public static byte[] bytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the PNG beside its target and renames it into place, so a reader never sees half a file. */
    public static void write(BufferedImage image, Path target) throws IOException {
        AtomicFiles.write(target, bytes(image));
    }
}
