package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.cuda.CudaLibraries;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the diagnostics print and exit with at each step where CUDA can stop. */
class CudaDiagnosticsTest {
    private static final CudaLibraries.Outcome LOADED = new CudaLibraries.Outcome(CudaLibraries.Status.LOADED, "15 libraries from /cache");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    @Test
    void librariesAndProviderLoadedButNoDriverIsTheDevicesFailure() {
        CudaProbe probe = new CudaProbe(LOADED, CudaProbe.Step.DEVICE, Optional.of("CUDA failure 35: CUDA driver version is insufficient"));

        assertThat(CudaDiagnostics.libraries(probe, out)).isEqualTo(CudaDiagnostics.EXIT_NO_DEVICE);
        assertThat(printed()).isEqualTo(lines("CUDA libraries: loaded: 15 libraries from /cache", "ONNX Runtime's CUDA provider: loaded",
                "GPU 0: cannot run: CUDA failure 35: CUDA driver version is insufficient"));
    }

    @Test
    void everythingWorkingExitsZero() {
        assertThat(CudaDiagnostics.libraries(new CudaProbe(LOADED, CudaProbe.Step.NONE, Optional.empty()), out)).isZero();
        assertThat(printed()).endsWith(lines("ONNX Runtime's CUDA provider: loaded", "GPU 0: ran a matrix product"));
    }

    @Test
    void aLibraryOrTheProviderNotLoadingExitsOneAndStopsThere() {
        CudaProbe library = new CudaProbe(new CudaLibraries.Outcome(CudaLibraries.Status.FAILED, "libcublasLt.so.12: no space left"),
                CudaProbe.Step.LIBRARIES, Optional.of("the CUDA libraries of the -Pgpu build did not load: libcublasLt.so.12: no space left"));
        assertThat(CudaDiagnostics.libraries(library, out)).isEqualTo(1);
        assertThat(printed()).isEqualTo(lines("CUDA libraries: failed: libcublasLt.so.12: no space left"));

        bytes.reset();
        CudaProbe provider = new CudaProbe(new CudaLibraries.Outcome(CudaLibraries.Status.ABSENT, "not in this build"), CudaProbe.Step.PROVIDER,
                Optional.of("Failed to find CUDA shared provider"));
        assertThat(CudaDiagnostics.libraries(provider, out)).isEqualTo(1);
        assertThat(printed()).isEqualTo(lines("CUDA libraries: absent: not in this build",
                "ONNX Runtime's CUDA provider: did not load: Failed to find CUDA shared provider"));
    }

    @Test
    void aWrongUseIsTheUsageLine() {
        assertThatThrownBy(() -> CudaDiagnostics.run(List.of("compare", "models"), out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("usage: CudaDiagnostics libraries | CudaDiagnostics compare MODELS NAME");
    }

    @Test
    void compareWithoutCudaRefusesWithTheReason(@TempDir Path root) {
        Assumptions.assumeTrue(ExecutionProvider.CUDA.unavailability().isPresent(), "this machine has CUDA");
        Fixtures.writeBundle(new ModelRepository(root), "m", Fixtures.config(ModelKind.VAE, 3, false), 1);

        assertThatThrownBy(() -> CudaDiagnostics.run(List.of("compare", root.toString(), "m"), out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--device cuda: ONNX Runtime cannot use CUDA here (" + ExecutionProvider.CUDA.unavailability().get() + ")");
    }
}
