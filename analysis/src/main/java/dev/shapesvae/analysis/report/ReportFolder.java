package dev.shapesvae.analysis.report;

import dev.shapesvae.io.FileTrees;
import dev.shapesvae.io.StagingFolders;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A report's output folder, filled in a hidden staging folder beside it and moved into place in
 * one rename, so a reader sees the old report or the new one, never half of one. An existing
 * folder is replaced only if it is empty or was written by us (it holds the marker file). A
 * staging folder left by a killed run is removed by the next run that writes the same report.
 */
public final class ReportFolder {
    /** Marks a folder as a report of ours. */
    public static final String MARKER = ".shapes-vae-report";

    private final Path target;
    private final Path staging;

    private ReportFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** Checks the target and creates the staging folder. */
    public static ReportFolder open(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                throw new IllegalArgumentException("--out " + target + " exists and is not a folder");
            }
            if (!isEmpty(absolute) && !Files.exists(absolute.resolve(MARKER))) {
                throw new IllegalArgumentException("--out " + target + " exists and is not a shapes-vae report folder; choose another");
            }
        }
        Path parent = absolute.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + target + ": cannot create " + parent + " (" + e + ")");
        }
        String prefix = "." + absolute.getFileName() + ".staging-";
        StagingFolders.removeAbandoned(parent, prefix);
        Path staging = StagingFolders.create(parent, prefix);
        Files.createFile(staging.resolve(MARKER));
        return new ReportFolder(absolute, staging);
    }

    /** Where files go while the report is written. */
    public Path staging() {
        return staging;
    }

    public Path target() {
        return target;
    }

    /** Moves the staged report into place, replacing an older report of ours. */
    public void commit() throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (DirectoryNotEmptyException e) {
            throw new IOException("another process wrote " + target + " meanwhile", e);
        }
        if (old != null) {
            FileTrees.deleteRecursively(old);
        }
    }

    /** Removes the staging folder (after a failure). */
    public void abandon() {
        try {
            FileTrees.deleteRecursively(staging);
        } catch (IOException ignored) {
            // best effort: a hidden staging folder is all that can be left
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.findAny().isEmpty();
        }
    }
}
