package dev.shapesvae.repository;

import java.nio.file.Path;

/** A repository entry left out of a listing or a load, and why: one warning line names both. */
public record Skipped(Path path, String reason) {
    /** The entry and problem a {@link BundleException} names. */
    public static Skipped of(BundleException e) {
        String prefix = e.path() + ": ";
        String message = e.getMessage();
        return new Skipped(e.path(), message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }

    /** {@code <path>: <reason>}, as printed after "warning: skipping ". */
    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
