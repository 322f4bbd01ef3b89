package dev.shapesvae.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Runs a Picocli command the same way in every module.
 *
 * <p>Every command and subcommand answers {@code --help} (exit 0, even when required options are
 * missing), {@code --version} (the program's version, from the top command's version provider)
 * and {@code --verbose}. Usage errors print the usage and exit 2. A failure the user can fix
 * (see {@link ExpectedFailures}: a bad input, a missing or unreadable file, a port in use, an
 * unknown host) prints one line, "error: ...", and exits 1; with {@code --verbose} its stack
 * trace follows. Anything else is a bug and prints its stack trace. A top command that is a
 * {@link BeforeCommand} prepares the process before any of its subcommands runs.
 */
public final class Cli {
    static final String VERBOSE = "--verbose";
    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    private Cli() {
    }

    /** Parses and runs; returns the exit code. */
    public static int run(Object command, String... args) {
        return run(command, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Parses and runs with the given output and error streams (for tests); returns the exit code. */
    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(command).setOut(out).setErr(err);
        addStandardOptions(commandLine);
        if (command instanceof BeforeCommand before) {
            CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
            commandLine.setExecutionStrategy(parsed -> {
                if (parsed.hasSubcommand() && !helpRequested(parsed)) {
                    before.beforeCommand();
                }
                return runLast.execute(parsed);
            });
        }
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            Optional<String> message = ExpectedFailures.describe(e);
            if (message.isEmpty()) {
                throw e;
            }
            cl.getErr().println("error: " + message.get());
            if (verbose(parsed)) {
                e.printStackTrace(cl.getErr());
            }
            cl.getErr().flush();
            return 1;
        });
        return commandLine.execute(args);
    }

    /** Runs and exits the JVM with the command's exit code. */
    public static void main(Object command, String... args) {
        oneLineLogs();
        System.exit(run(command, args));
    }

    /**
     * The library logs through the JDK's System.Logger, which goes to java.util.logging unless the
     * program routes it elsewhere (the service sends it to logback). This gives those lines the
     * service's one-line form instead of java.util.logging's two lines; a format set with -D wins.
     */
    private static void oneLineLogs() {
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "%1$tT.%1$tL %4$-5s %3$s - %5$s%6$s%n");
        }
    }

    /**
     * Gives every command of the tree {@code --help}, {@code --version} and {@code --verbose}. Done
     * here rather than by annotations so that no module can forget one, and a command that declares
     * its own {@code --verbose} keeps it.
     */
    private static void addStandardOptions(CommandLine root) {
        CommandLine.IVersionProvider programVersion = root.getCommandSpec().versionProvider();
        Set<CommandLine> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        addStandardOptions(root, programVersion, seen);
    }

    private static void addStandardOptions(CommandLine commandLine, CommandLine.IVersionProvider programVersion, Set<CommandLine> seen) {
        if (!seen.add(commandLine)) {
            return;
        }
        CommandSpec spec = commandLine.getCommandSpec();
        spec.mixinStandardHelpOptions(true);
        // Picocli leaves the standard options out, silently, when a command already has an option of the same name.
        OptionSpec help = spec.optionsMap().get("--help");
        OptionSpec version = spec.optionsMap().get("--version");
        if (help == null || !help.usageHelp() || version == null || !version.versionHelp()) {
            throw new IllegalStateException("command '" + spec.qualifiedName() + "' declares its own --help or --version; rename that option");
        }
        if (spec.versionProvider() == null && programVersion != null) {
            spec.versionProvider(programVersion);
        }
        if (!spec.optionsMap().containsKey(VERBOSE)) {
            spec.addOption(OptionSpec.builder(VERBOSE).arity("0").type(boolean.class)
                    .description("On an error, show its stack trace too.").build());
        }
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            addStandardOptions(subcommand, programVersion, seen);
        }
    }

    /** Whether {@code --verbose} was given to the command or to any of its parents. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    private static boolean helpRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    /** A top command with work to do before any of its subcommands runs; skipped for --help and --version. */
    public interface BeforeCommand {
        void beforeCommand();
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
