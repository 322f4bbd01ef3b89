package dev.shapesvae.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Hidden folders in which a bundle, a checkpoint or a report is written before it is renamed into
 * place. Each is named {@code <prefix><pid>-<random>} after the process writing it, so the next
 * run of the same command can tell a folder left by a killed process (its process is gone) from
 * one another process is still filling, and remove only the former. Unlike
 * {@link Files#createTempDirectory}, which makes folders only their owner can read, the folders
 * get the permissions the umask gives, so what is moved into place is readable as configured.
 */
public final class StagingFolders {
    private StagingFolders() {
    }

    /** Creates a new, empty staging folder in {@code parent} (created too if missing). */
    public static Path create(Path parent, String prefix) throws IOException {
        Files.createDirectories(parent);
        String owner = prefix + ProcessHandle.current().pid() + "-";
        while (true) {
            Path folder = parent.resolve(owner + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
            try {
                return Files.createDirectory(folder);
            } catch (FileAlreadyExistsException taken) {
                // another thread of this process drew the same name; draw again
            }
        }
    }

    /**
     * Removes the staging folders in {@code parent} whose process is no longer running (or whose
     * name records no process, as older versions wrote them); returns what it removed.
     */
    public static List<Path> removeAbandoned(Path parent, String prefix) throws IOException {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        List<Path> abandoned = new ArrayList<>();
        try (Stream<Path> children = Files.list(parent)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(prefix) && Files.isDirectory(child) && !ownerIsAlive(name.substring(prefix.length()))) {
                    FileTrees.deleteRecursively(child);
                    abandoned.add(child);
                }
            }
        }
        return abandoned;
    }

    private static boolean ownerIsAlive(String suffix) {
        int dash = suffix.indexOf('-');
        if (dash <= 0) {
            return false;
        }
        try {
            long pid = Long.parseLong(suffix.substring(0, dash));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
