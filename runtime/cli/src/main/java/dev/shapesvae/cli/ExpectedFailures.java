package dev.shapesvae.cli;

import dev.shapesvae.io.FileProblems;
import dev.shapesvae.repository.BundleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the failures a user can fix and says in one line what happened and what to do.
 *
 * <p>Expected are: a {@link Cli.UserError}, an {@link IllegalArgumentException}, a
 * {@link BundleException} and an I/O error, whose messages are written for users; and, anywhere
 * among the causes, a refused bind, an unknown host or a denied permission, which the server and
 * the file system report wrapped in their own exceptions.
 */
final class ExpectedFailures {
    /** How Micronaut names the address it failed to listen on: "Unable to start Micronaut server on 127.0.0.1:8080". */
    private static final Pattern LISTEN_ADDRESS = Pattern.compile(" on (\\S+)$");
    private static final String HOST_ADVICE = "use --host 127.0.0.1 (this machine only) or 0.0.0.0 (every network interface)";
    /** Causes followed at most; a guard against cyclic cause chains. */
    private static final int MAX_DEPTH = 32;

    private ExpectedFailures() {
    }

    /** The one-line description of an expected failure; empty for anything else (a bug). */
    static Optional<String> describe(Throwable e) {
        if (e instanceof Cli.UserError) {
            return Optional.of(e.getMessage());
        }
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                return Optional.of(cannotListen(e, bind));
            }
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return Optional.of("cannot listen on " + listenAddress(e).map(ExpectedFailures::host).orElse("that host")
                        + ": no such host; " + HOST_ADVICE);
            }
            if (cause instanceof AccessDeniedException denied) {
                return Optional.of(fileProblem(denied));
            }
        }
        if (e instanceof FileSystemException file) {
            return Optional.of(fileProblem(file));
        }
        if (e instanceof UncheckedIOException unchecked && unchecked.getCause() instanceof FileSystemException file
                && e.getMessage().equals(file.toString())) {
            return Optional.of(fileProblem(file));
        }
        if (e instanceof IllegalArgumentException || e instanceof BundleException || e instanceof IOException
                || e instanceof UncheckedIOException) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    private static String cannotListen(Throwable e, BindException bind) {
        String where = "cannot listen" + listenAddress(e).map(address -> " on " + address).orElse("");
        String reason = String.valueOf(bind.getMessage()).toLowerCase(Locale.ROOT);
        if (reason.contains("already in use")) {
            return where + ": address already in use; choose another --port, or stop the program that uses it";
        }
        if (reason.contains("cannot assign requested address")) {
            return where + ": this machine has no such address; " + HOST_ADVICE;
        }
        if (reason.contains("permission denied")) {
            return where + ": ports below 1024 need administrator rights; choose a --port of 1024 or above";
        }
        return where + ": " + reason + "; check --host and --port";
    }

    /** The address named by the first message in the chain that names one, without the port when it was "any free port". */
    private static Optional<String> listenAddress(Throwable e) {
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            Matcher m = LISTEN_ADDRESS.matcher(String.valueOf(cause.getMessage()));
            if (m.find()) {
                return Optional.of(m.group(1).replaceFirst(":(-1|0)$", ""));
            }
        }
        return Optional.empty();
    }

    private static String host(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 && address.substring(colon + 1).matches("\\d+") ? address.substring(0, colon) : address;
    }

    private static String fileProblem(FileSystemException e) {
        String file = e.getFile();
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + file + "; choose a path this user may read and write, or change its permissions";
        }
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            return FileProblems.kind(e) + ": " + file;
        }
        return e.getReason() == null ? e.getMessage() : file + ": " + e.getReason();
    }
}
