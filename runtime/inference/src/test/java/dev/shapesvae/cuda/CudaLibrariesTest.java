package dev.shapesvae.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading the CUDA libraries where the -Pgpu build's redistributable is missing or incomplete.
 * That they really load, and that ONNX Runtime and TensorFlow then find them, needs the -Pgpu
 * build: bin/gpu-check's "libraries" step checks it there.
 */
class CudaLibrariesTest {
    @TempDir
    Path classPath;

    /** A class loader that sees only {@code classPath}, not this build's own class path. */
    private CudaLibraries loadingFrom(Path folder) throws IOException {
        return new CudaLibraries(new URLClassLoader(new URL[] {folder.toUri().toURL()}, null));
    }

    private Path fakeLibrary(String soname) throws IOException {
        Path file = classPath.resolve(CudaLibraries.FOLDER).resolve(soname);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "not a shared library");
    }

    @Test
    void withoutTheRedistributableTheLibrariesAreAbsentNotFailed() throws IOException {
        CudaLibraries.Outcome outcome = loadingFrom(classPath).load(List.of("libcudart.so.12", "libcublas.so.12"));

        assertThat(outcome).isEqualTo(new CudaLibraries.Outcome(CudaLibraries.Status.ABSENT,
                "not in this build: the CUDA libraries come with the -Pgpu build (org.bytedeco:cuda, linux-x86_64-redist)"));
    }

    @Test
    void aLibraryMissingFromTheRedistributableIsNamed() throws IOException {
        fakeLibrary("libcudart.so.12");

        CudaLibraries.Outcome outcome = loadingFrom(classPath).load(List.of("libcudart.so.12", "libcublasLt.so.12"));

        assertThat(outcome).isEqualTo(new CudaLibraries.Outcome(CudaLibraries.Status.FAILED,
                "libcublasLt.so.12 is not in the CUDA redistributable on the class path"));
    }

    @Test
    void theRedistributableWithoutJavaCppFailsSayingSo() throws IOException {
        fakeLibrary("libcudart.so.12");

        CudaLibraries.Outcome outcome = loadingFrom(classPath).load(List.of("libcudart.so.12"));

        assertThat(outcome.status()).isEqualTo(CudaLibraries.Status.FAILED);
        assertThat(outcome.detail()).startsWith("the CUDA redistributable is on the class path but JavaCPP's Loader is not (")
                .contains("org.bytedeco.javacpp.Loader");
    }

    @Test
    void namesThatAreNotSonamesAreRefusedBeforeAnythingLoads() {
        CudaLibraries libraries = new CudaLibraries();

        assertThatThrownBy(() -> libraries.load(List.of())).isInstanceOf(IllegalArgumentException.class).hasMessage("no CUDA libraries named");
        assertThatThrownBy(() -> libraries.load(List.of("libcudart.so.12", "../../etc/libc.so.6")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a library soname: '../../etc/libc.so.6' (expected a name like libcudart.so.12)");
        assertThatThrownBy(() -> libraries.load(List.of("libcudart.so"))).hasMessageContaining("'libcudart.so'");
    }

    @Test
    void cudnnComesWithThePartsItOpensAndItsFrontLast() {
        assertThat(CudaLibraries.CUDNN).doesNotHaveDuplicates().endsWith("libcudnn.so.9")
                .contains("libcudnn_graph.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9", "libcudnn_adv.so.9", "libnvrtc.so.12");
    }
}
