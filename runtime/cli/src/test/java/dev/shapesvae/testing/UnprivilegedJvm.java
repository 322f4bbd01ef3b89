package dev.shapesvae.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a CLI's main class in a JVM of its own that file permissions apply to. Root ignores
 * permissions, so when this JVM can read what should be unreadable, the child runs as user
 * {@code nobody} (through util-linux's {@code setpriv}) from a world-readable copy of the class
 * path; otherwise it runs as this user.
 */
public final class UnprivilegedJvm {
    private static final String NOBODY = "65534";

    private UnprivilegedJvm() {
    }

    /**
     * Runs {@code mainClass} with {@code args}. {@code privileged} says whether this JVM ignores
     * permissions (it could read a folder it made unreadable); {@code scratch} receives the class
     * path copy and the outputs.
     */
    public static CliRun.Result run(Path scratch, boolean privileged, Class<?> mainClass, String... args) throws IOException, InterruptedException {
        return run(scratch, privileged, List.of(), mainClass, args);
    }

    /** {@link #run(Path, boolean, Class, String...)} with options for the child JVM, such as {@code -Djava.io.tmpdir=...}. */
    public static CliRun.Result run(Path scratch, boolean privileged, List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        String classPath = System.getProperty("java.class.path");
        if (privileged) {
            Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
            Assumptions.assumeTrue(setpriv != null, "running as root without setpriv: cannot drop the privilege that ignores permissions");
            openToEveryone(scratch);
            classPath = worldReadableCopy(classPath, scratch.resolve("classpath"));
            command.addAll(List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass.getName()));
        command.addAll(List.of(args));
        Path out = scratch.resolve("child.out");
        Path err = scratch.resolve("child.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child JVM did not finish in 120 s: " + command);
        }
        return new CliRun.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String worldReadableCopy(String classPath, Path target) throws IOException {
        List<String> copies = new ArrayList<>();
        int index = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path copy = target.resolve(index++ + "-" + source.getFileName());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path to = copy.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                    openToEveryone(to);
                }
            }
            copies.add(copy.toString());
        }
        openToEveryone(target);
        return String.join(File.pathSeparator, copies);
    }

    private static void openToEveryone(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
