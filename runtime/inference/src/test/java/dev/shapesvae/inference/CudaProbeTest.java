package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.cuda.CudaLibraries;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What ONNX Runtime's CUDA provider says, made one line, and how far it gets in the default build. */
class CudaProbeTest {
    /**
     * What the -Pgpu build's probe got on a host without an NVIDIA driver, once the CUDA
     * libraries were loaded (ONNX Runtime 1.23.2, session creation with the CUDA provider).
     */
    private static final String NO_DRIVER = "Error code - ORT_FAIL - message: /onnxruntime_src/onnxruntime/core/providers/cuda/cuda_call.cc:129 "
            + "std::conditional_t<THRW, void, onnxruntime::common::Status> onnxruntime::CudaCall(ERRTYPE, const char*, const char*, SUCCTYPE, "
            + "const char*, const char*, int) [with ERRTYPE = cudaError; bool THRW = true; SUCCTYPE = cudaError; std::conditional_t<THRW, void, "
            + "common::Status> = void] /onnxruntime_src/onnxruntime/core/providers/cuda/cuda_call.cc:121 std::conditional_t<THRW, void, "
            + "onnxruntime::common::Status> onnxruntime::CudaCall(ERRTYPE, const char*, const char*, SUCCTYPE, const char*, const char*, int) "
            + "[with ERRTYPE = cudaError; bool THRW = true; SUCCTYPE = cudaError; std::conditional_t<THRW, void, common::Status> = void] "
            + "CUDA failure 35: CUDA driver version is insufficient for CUDA runtime version ; GPU=-1 ; hostname=vm ; "
            + "file=/onnxruntime_src/onnxruntime/core/providers/cuda/cuda_execution_provider.cc ; line=282 ; expr=cudaSetDevice(info_.device_id); \n\n";

    @Test
    void aMissingDriverIsItsCudaFailureAndWhatItMeans() {
        assertThat(CudaProbe.oneLine(NO_DRIVER))
                .isEqualTo("CUDA failure 35: CUDA driver version is insufficient for CUDA runtime version (no NVIDIA driver libcuda.so.1 here, or one too old for CUDA 12)");
    }

    @Test
    void otherLibraryFailuresKeepTheirCodeAndText() {
        assertThat(CudaProbe.oneLine("Error code - ORT_FAIL - message: cuda_call.cc:123 [with ERRTYPE = cudaError] CUDA failure 100: "
                + "no CUDA-capable device is detected ; GPU=0 ; hostname=h ; file=x.cc ; line=282 ; expr=cudaSetDevice(0);"))
                .isEqualTo("CUDA failure 100: no CUDA-capable device is detected");
        assertThat(CudaProbe.oneLine("Error code - ORT_FAIL - message: CUBLAS failure 3: CUBLAS_STATUS_NOT_INITIALIZED ; GPU=0 ; line=1 ;"))
                .isEqualTo("CUBLAS failure 3: CUBLAS_STATUS_NOT_INITIALIZED");
    }

    @Test
    void anyOtherMessageIsItsFirstLineWithoutTheErrorCode() {
        assertThat(CudaProbe.oneLine("Error code - ORT_FAIL - message: Failed to find CUDA shared provider")).isEqualTo("Failed to find CUDA shared provider");
        assertThat(CudaProbe.oneLine("first\nsecond")).isEqualTo("first");
        assertThat(CudaProbe.oneLine(null)).isEqualTo("ONNX Runtime gave no reason");
    }

    @Test
    void inTheDefaultBuildCudaStopsAtTheProviderWithOnnxRuntimesReason() {
        CudaProbe probe = CudaProbe.result();
        Assumptions.assumeTrue(probe.libraries().status() == CudaLibraries.Status.ABSENT, "this is the -Pgpu build");

        assertThat(probe.failedAt()).isEqualTo(CudaProbe.Step.PROVIDER);
        assertThat(probe.problem()).contains("Failed to find CUDA shared provider");
        assertThat(ExecutionProvider.CUDA.unavailability()).isEqualTo(probe.problem());
        assertThat(GenerativeModel.cudaAvailable()).isFalse();
    }

    @Test
    void aProbeFailsWithAProblemOrSucceedsWithout() {
        CudaLibraries.Outcome loaded = new CudaLibraries.Outcome(CudaLibraries.Status.LOADED, "15 libraries from /cache");

        assertThatThrownBy(() -> new CudaProbe(loaded, CudaProbe.Step.NONE, Optional.of("no GPU")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NONE");
        assertThatThrownBy(() -> new CudaProbe(loaded, CudaProbe.Step.DEVICE, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DEVICE");
    }

    @Test
    void autoSaysWhyItChoseTheCpu() {
        assertThat(GenerativeModel.autoChoice(Optional.of("CUDA failure 100: no CUDA-capable device is detected")))
                .isEqualTo("ONNX Runtime execution provider: cpu (CUDA unavailable: CUDA failure 100: no CUDA-capable device is detected)");
        assertThat(GenerativeModel.autoChoice(Optional.empty())).isEqualTo("ONNX Runtime execution provider: cuda");
    }
}
