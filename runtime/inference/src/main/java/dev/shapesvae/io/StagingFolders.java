package dev.shapesvae.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Hidden folders in which a bundle, a checkpoint or a report is written before it is renamed into
 * place. Each is named {@code <prefix><pid>-<random>@<host>} after the process and the machine
 * writing it, so the next run of the same command can tell a folder left by a killed process from
 * one another process is still filling, and remove only the former: on this host, one whose
 * process is gone; from another host (a shared volume, another container), where the process
 * cannot be looked up, one untouched for a day. Unlike {@link Files#createTempDirectory}, which
 * makes folders only their owner can read, the folders get the permissions the umask gives.
 */
public final class StagingFolders {
    /** How long a staging folder of another host may lie untouched before it counts as abandoned. */
    static final Duration FOREIGN_AGE = Duration.ofDays(1);

    private static final String HOST = hostName();

    private StagingFolders() {
    }

    /** Creates a new, empty staging folder in {@code parent} (created too if missing). */
    public static Path create(Path parent, String prefix) throws IOException {
        Files.createDirectories(parent);
        while (true) {
            Path folder = parent.resolve(prefix + ProcessHandle.current().pid() + "-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "@" + HOST);
            try {
                return Files.createDirectory(folder);
            } catch (FileAlreadyExistsException taken) {
                // another thread of this process drew the same name; draw again
            }
        }
    }

    /**
     * Removes the staging folders in {@code parent} that were abandoned (see the class comment;
     * a name that records no process, as older versions wrote them, counts as abandoned); returns
     * what it removed.
     */
    public static List<Path> removeAbandoned(Path parent, String prefix) throws IOException {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        List<Path> abandoned = new ArrayList<>();
        try (Stream<Path> children = Files.list(parent)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(prefix) && Files.isDirectory(child) && isAbandoned(child, name.substring(prefix.length()))) {
                    FileTrees.deleteRecursively(child);
                    abandoned.add(child);
                }
            }
        }
        return abandoned;
    }

    private static boolean isAbandoned(Path folder, String owner) throws IOException {
        int at = owner.lastIndexOf('@');
        int dash = owner.indexOf('-');
        if (at < 0 || dash <= 0 || dash > at) {
            return true;
        }
        if (!owner.substring(at + 1).equals(HOST)) {
            return Files.getLastModifiedTime(folder).toInstant().isBefore(Instant.now().minus(FOREIGN_AGE));
        }
        try {
            long pid = Long.parseLong(owner.substring(0, dash));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** This machine's (or container's) host name, as the kernel has it, in characters safe for a file name. */
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).strip();
            String safe = name.replaceAll("[^A-Za-z0-9.-]", "_");
            return safe.isEmpty() ? "localhost" : safe;
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
