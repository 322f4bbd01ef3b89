package dev.shapesvae.testing;

import dev.shapesvae.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command line in this JVM as its {@code main} would, without exiting, and captures
 * everything written to standard output and error, the loggers' lines included.
 */
public final class CliRun {
    private CliRun() {
    }

    /** The exit code and what was written. */
    public record Result(int exitCode, String out, String err) {
        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** The arguments of {@code command} (a subcommand, or "" for the program itself) followed by {@code option}. */
    public static List<String> withOption(String command, String option) {
        List<String> args = new ArrayList<>();
        if (!command.isEmpty()) {
            args.add(command);
        }
        args.add(option);
        return args;
    }

    /** Runs {@code command} with {@code args}; System.out and System.err are swapped for the run, so runs are one at a time. */
    public static synchronized Result run(Object command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exitCode = Cli.run(command, args);
            return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
