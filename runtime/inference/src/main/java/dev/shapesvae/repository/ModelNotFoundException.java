package dev.shapesvae.repository;

import java.nio.file.Path;

/** A model or version that the repository does not hold. */
public class ModelNotFoundException extends BundleException {
    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(Path path, String problem) {
        super(path, problem);
    }
}
