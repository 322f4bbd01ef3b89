package dev.shapesvae.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file operation failed, in words a person can act on. Java's file exceptions often carry
 * only the path as their message ("error: /x/runs" says nothing), and their kind is the reason.
 */
public final class FileProblems {
    private FileProblems() {
    }

    /** The failing path and the reason, for example "/x/runs/m: Not a directory". */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + ": " + reason(e);
        }
        return reason(e);
    }

    /** The reason alone, for example "permission denied", when the caller names the path. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : kind(fs);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The kind of failure in words ("permission denied", "not a folder", ...), whatever the operating system said. */
    public static String kind(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        return e.getClass().getSimpleName();
    }
}
