package dev.shapesvae.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.testing.CliRun;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The contract every module's commands get from {@link Cli}, on small commands made for the purpose. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CliTest {
    @Command(name = "tool", versionProvider = VersionProvider.class, subcommands = Fails.class)
    static final class Tool extends CommandGroup implements Cli.BeforeCommand {
        int prepared;

        @Override
        public void beforeCommand() {
            prepared++;
        }
    }

    @Command(name = "tool", subcommands = DeclaresVersion.class)
    static final class ClashingTool extends CommandGroup {
    }

    /** Fails the way its option says; without mixinStandardHelpOptions, which Cli adds. */
    @Command(name = "fail")
    static final class Fails implements Callable<Integer> {
        @Option(names = "--with", required = true)
        String kind;

        @Override
        public Integer call() {
            throw switch (kind) {
                case "user" -> new Cli.UserError("the input is wrong; give another one");
                case "denied" -> new IllegalStateException("wrapped", new java.nio.file.AccessDeniedException("/some/file"));
                default -> new IllegalStateException("a bug");
            };
        }
    }

    @Command(name = "clash")
    static final class DeclaresVersion implements Runnable {
        @Option(names = "--version")
        int version;

        @Override
        public void run() {
        }
    }

    @Test
    void anExpectedFailureIsOneLineAndVerboseAddsItsTrace() {
        CliRun.Result plain = CliRun.run(new Tool(), "fail", "--with", "user");
        CliRun.Result verbose = CliRun.run(new Tool(), "fail", "--with", "user", "--verbose");

        assertThat(plain.exitCode()).isEqualTo(1);
        assertThat(plain.errLines()).containsExactly("error: the input is wrong; give another one");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.errLines().get(0)).isEqualTo("error: the input is wrong; give another one");
        assertThat(verbose.err()).contains("dev.shapesvae.cli.Cli$UserError").contains("\tat dev.shapesvae.cli.CliTest$Fails.call");
    }

    @Test
    void aDeniedPermissionAnywhereAmongTheCausesIsExpected() {
        CliRun.Result result = CliRun.run(new Tool(), "fail", "--with", "denied");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: permission denied: /some/file; choose a path this user may read and write, or change its permissions");
    }

    @Test
    void anythingElseIsABugAndShowsItsTrace() {
        CliRun.Result result = CliRun.run(new Tool(), "fail", "--with", "bug");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("java.lang.IllegalStateException: a bug").contains("\tat ");
    }

    @Test
    void everySubcommandAnswersHelpAndTheProgramsVersionWithoutPreparingTheProcess() {
        Tool tool = new Tool();

        CliRun.Result help = CliRun.run(tool, "fail", "--help");
        CliRun.Result version = CliRun.run(tool, "fail", "--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: tool fail ").contains("--with").contains("--verbose");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("shapes-vae ");
        assertThat(tool.prepared).isZero();

        CliRun.run(tool, "fail", "--with", "user");
        assertThat(tool.prepared).isEqualTo(1);
    }

    @Test
    void aCommandThatTakesTheNameOfAStandardOptionIsRefusedAtOnce() {
        assertThatThrownBy(() -> CliRun.run(new ClashingTool(), "--help"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("command 'tool clash' declares its own --help or --version; rename that option");
    }
}
