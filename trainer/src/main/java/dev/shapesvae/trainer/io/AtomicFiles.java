package dev.shapesvae.trainer.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Small files replaced in one step: a reader, or a run killed mid-write, sees the old content or the new, never half of either. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code content} beside {@code target} under a hidden name, then renames it over {@code target}. */
    public static void writeString(Path target, String content) throws IOException {
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
