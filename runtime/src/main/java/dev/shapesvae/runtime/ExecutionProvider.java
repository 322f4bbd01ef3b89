package dev.shapesvae.runtime;

import java.util.Locale;

/** Where ONNX Runtime runs: the CPU, or CUDA with the {@code gpu} build. */
public enum ExecutionProvider {
    CPU, CUDA;

    /** Parses auto, cpu or cuda; {@code auto} is empty (try CUDA, then fall back). */
    public static java.util.Optional<ExecutionProvider> parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "auto" -> java.util.Optional.empty();
            case "cpu" -> java.util.Optional.of(CPU);
            case "cuda", "gpu" -> java.util.Optional.of(CUDA);
            default -> throw new IllegalArgumentException("--device must be auto, cpu or cuda, got '" + text + "'");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
