package dev.shapesvae.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The ONNX project's own validator, run on files: {@code onnx.checker.check_model} with
 * {@code full_check=True}, then shape inference with {@code check_type=True, strict_mode=True}.
 * It runs in Debian's Python ({@code /usr/bin/python3} with the {@code python3-onnx} package,
 * which {@code .ci/run} installs); tests skip, saying why, where it is missing.
 */
public final class OnnxChecker {
    private static final String PYTHON = "/usr/bin/python3";
    /** Prints one line a file: its path, a tab, then OK or the first line of the checker's complaint. */
    private static final String SCRIPT = """
            import sys, onnx
            from onnx import checker, shape_inference
            for path in sys.argv[1:]:
                try:
                    model = onnx.load(path)
                    checker.check_model(model, full_check=True)
                    shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
                    verdict = "OK"
                except Exception as e:
                    verdict = type(e).__name__ + ": " + " ".join(str(e).split())
                print(path + "\\t" + verdict, flush=True)
            """;

    private OnnxChecker() {
    }

    /** Why the checker cannot run on this machine; empty when it can. */
    public static Optional<String> unavailability() {
        try {
            Result probe = python(List.of("-c", "import onnx; print(onnx.__version__)"));
            return probe.exitCode() == 0 ? Optional.empty()
                    : Optional.of(PYTHON + " cannot import onnx (install Debian's python3-onnx): " + probe.output().strip());
        } catch (IOException e) {
            return Optional.of("no " + PYTHON + " (install Debian's python3 and python3-onnx): " + e.getMessage());
        }
    }

    /** The checker's verdict on each file, in order: "OK", or the error it raised. */
    public static Map<Path, String> check(List<Path> files) throws IOException {
        List<String> args = new ArrayList<>(List.of("-c", SCRIPT));
        files.forEach(f -> args.add(f.toAbsolutePath().toString()));
        Result result = python(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("the ONNX checker script failed (exit " + result.exitCode() + "): " + result.output());
        }
        Map<Path, String> verdicts = new LinkedHashMap<>();
        for (String line : result.output().lines().toList()) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                verdicts.put(Path.of(line.substring(0, tab)), line.substring(tab + 1));
            }
        }
        return verdicts;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result python(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(PYTHON);
        command.addAll(args);
        Path output = Files.createTempFile("onnx-checker", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(PYTHON + " did not finish in 5 minutes");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + PYTHON, e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Writes each model to {@code dir} as {@code <label>.onnx}; returns the files in order. */
    public static List<Path> writeAll(Map<String, byte[]> models, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, byte[]> model : models.entrySet()) {
            files.add(Files.write(dir.resolve(model.getKey() + ".onnx"), model.getValue()));
        }
        return files;
    }
}
