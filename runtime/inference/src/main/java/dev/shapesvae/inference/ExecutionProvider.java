package dev.shapesvae.inference;

import java.util.Locale;
import java.util.Optional;

/** Where ONNX Runtime runs: the CPU, or CUDA with the {@code gpu} build. */
public enum ExecutionProvider {
    /** ONNX Runtime's default provider, on every build and machine. */
    CPU,
    /**
     * NVIDIA GPUs through ONNX Runtime's CUDA provider: the {@code gpu} build, which brings CUDA 12
     * and cuDNN 9 and loads them before the provider, on a host with NVIDIA's driver and a GPU.
     */
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
     * Why ONNX Runtime cannot use this provider here, in one line (CUDA: the CPU build, a library
     * that did not load, no driver or no GPU); empty when it can. CUDA is tried once per process,
     * on the first call: the gpu build's CUDA libraries are loaded, then a matrix product runs on GPU 0.
     */
    public Optional<String> unavailability() {
        return this == CPU ? Optional.empty() : CudaProbe.result().problem();
    }

    /** Throws, naming the reason and what to do instead, when ONNX Runtime cannot use this provider here. */
    public void requireAvailable() {
        unavailability().ifPresent(reason -> {
            throw new IllegalArgumentException("--device " + label() + ": ONNX Runtime cannot use CUDA here (" + reason
                    + "); use --device cpu or --device auto (CUDA needs the -Pgpu build, which brings CUDA 12 and cuDNN 9, and an NVIDIA driver with a GPU; see README.md)");
        });
    }

    /** The lower-case name, as {@code --device} takes it and messages show it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
