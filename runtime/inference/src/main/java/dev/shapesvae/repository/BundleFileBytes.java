package dev.shapesvae.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a file of a bundle whole, every problem a {@link BundleException} that names the file. */
final class BundleFileBytes {
    private BundleFileBytes() {
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BundleException(file, "missing file");
        } catch (IOException e) {
            throw new BundleException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
