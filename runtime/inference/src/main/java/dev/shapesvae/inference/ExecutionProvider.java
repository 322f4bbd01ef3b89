package dev.shapesvae.inference;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Locale;
import java.util.Optional;

/** Where ONNX Runtime runs: the CPU, or CUDA with the {@code gpu} build. */
public enum ExecutionProvider {
    /** ONNX Runtime's default provider, on every build and machine. */
    CPU,
    /** NVIDIA GPUs through ONNX Runtime's CUDA provider: the {@code gpu} build, with CUDA 12 and cuDNN 9 on the library path. */
    CUDA;

    /**
     * Parses auto, cpu or cuda; {@code auto} is empty (try CUDA, then fall back). An explicit
     * {@code cuda} is refused here, before any model is loaded, where ONNX Runtime cannot attach it.
     */
    public static Optional<ExecutionProvider> parse(String text) {
        Optional<ExecutionProvider> provider = switch (text.toLowerCase(Locale.ROOT)) {
            case "auto" -> Optional.empty();
            case "cpu" -> Optional.of(CPU);
            case "cuda", "gpu" -> Optional.of(CUDA);
            default -> throw new IllegalArgumentException("--device must be auto, cpu or cuda, got '" + text + "'");
        };
        provider.ifPresent(ExecutionProvider::requireAvailable);
        return provider;
    }

    /**
     * Why ONNX Runtime cannot use this provider here (CUDA: the CPU build, or CUDA's libraries
     * missing); empty when it can.
     */
    public Optional<String> unavailability() {
        return this == CPU ? Optional.empty() : CudaProbe.UNAVAILABILITY;
    }

    /** Throws, naming the reason and what to do instead, when ONNX Runtime cannot use this provider here. */
    public void requireAvailable() {
        unavailability().ifPresent(reason -> {
            throw new IllegalArgumentException("--device " + label() + ": ONNX Runtime cannot use CUDA here (" + reason
                    + "); use --device cpu or --device auto (CUDA needs the -Pgpu build and CUDA 12 with cuDNN 9 on the library path; see README.md)");
        });
    }

    /** The lower-case name, as {@code --device} takes it and messages show it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Asks ONNX Runtime once per process, on first use: the build and the machine do not change while it runs. */
    private static final class CudaProbe {
        static final Optional<String> UNAVAILABILITY = probe();

        private static Optional<String> probe() {
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.addCUDA(0);
                return Optional.empty();
            } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                return Optional.of(String.valueOf(e.getMessage()).replaceFirst("^Error code - \\w+ - message: ", ""));
            }
        }
    }
}
