package dev.shapesvae.repository;

import java.nio.file.Path;

/** A model bundle or repository path that cannot be used; the message names the file and the problem. */
public class BundleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public BundleException(Path path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    public BundleException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    /** The file or folder at fault. */
    public Path path() {
        return path;
    }
}
