package dev.shapesvae.cli;

import dev.shapesvae.repository.ModelRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --models}, the model repository folder, as a Picocli mixin. Commands that read models
 * call {@link #open()}, which reads the folder once first, so that a missing, misnamed or
 * unreadable folder is reported as such rather than as a missing model; commands that write one
 * call {@link #forWriting()}, as the repository creates its folder on the first write.
 */
public final class ModelsFolder {
    @Option(names = "--models", defaultValue = "models", description = "Model repository folder (default: ${DEFAULT-VALUE}).")
    Path models;

    /** The repository in the folder, which exists and can be read. */
    public ModelRepository open() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(models)) {
            entries.iterator().hasNext();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--models " + models + ": no such folder; train a model with bin/trainer fit first, or name the repository's folder");
        } catch (NotDirectoryException e) {
            throw new IllegalArgumentException("--models " + models + " is a file, not a folder; name the repository's folder");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("--models " + models + ": permission denied; choose a folder this user may read, or change its permissions");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --models " + models + ": " + e.getMessage(), e);
        }
        return new ModelRepository(models);
    }

    /** The repository to write a new version into; its folder need not exist yet. */
    public ModelRepository forWriting() {
        return new ModelRepository(models);
    }
}
