package dev.shapesvae.cli;

import dev.shapesvae.repository.BundleException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Runs a Picocli command the same way in every module: usage errors print the usage and exit 2;
 * a bad input (an {@link IllegalArgumentException}, a {@link BundleException} or an I/O error)
 * prints one line, "error: ...", and exits 1; anything else prints its stack trace.
 */
public final class Cli {
    private Cli() {
    }

    /** Parses and runs; returns the exit code. */
    public static int run(Object command, String... args) {
        return run(command, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Parses and runs with the given output and error streams (for tests); returns the exit code. */
    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(command).setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof BundleException
                    || e instanceof IOException || e instanceof UncheckedIOException || e instanceof UserError) {
                cl.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /** Runs and exits the JVM with the command's exit code. */
    public static void main(Object command, String... args) {
        System.exit(run(command, args));
    }

    /** A problem the user can fix, reported as one line without a stack trace. */
    public static class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserError(String message) {
            super(message);
        }

        public UserError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
