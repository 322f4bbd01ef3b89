package dev.shapesvae.trainer.model;

import dev.shapesvae.cuda.CudaLibraries;
import java.util.Locale;
import java.util.stream.Stream;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/** Where TensorFlow runs: the CPU, or the first GPU when the {@code gpu} build finds one. */
public enum Device {
    CPU, GPU;

    /**
     * Resolves {@code auto}, {@code cpu} or {@code gpu} (also {@code cuda}). {@code auto} probes for a GPU; {@code gpu}
     * fails with an explanation when none is usable.
     */
    public static Device choose(String requested) {
        switch (requested.toLowerCase(Locale.ROOT)) {
            case "cpu":
                return CPU;
            case "gpu", "cuda":
                if (!gpuAvailable()) {
                    String libraries = CudaForTensorFlow.LOADED.status() == CudaLibraries.Status.FAILED
                            ? " (the CUDA libraries of the -Pgpu build did not load: " + CudaForTensorFlow.LOADED.detail() + ")" : "";
                    throw new IllegalArgumentException("--device gpu: TensorFlow sees no GPU" + libraries + ". Build with 'mvn -Pgpu package' "
                            + "(CUDA natives) on a machine with an NVIDIA driver, or use --device cpu");
                }
                return GPU;
            case "auto":
                return gpuAvailable() ? GPU : CPU;
            default:
                throw new IllegalArgumentException("--device must be auto, cpu or gpu, got '" + requested + "'");
        }
    }

    /**
     * Places one small op on GPU 0 with soft placement off: it runs only if a GPU is really there.
     * The {@code -Pgpu} build's CUDA libraries are loaded first, so that TensorFlow finds them.
     */
    public static boolean gpuAvailable() {
        if (CudaForTensorFlow.LOADED.status() == CudaLibraries.Status.FAILED) {
            return false;
        }
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
            var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
            try (Session session = new Session(graph, ConfigProto.newBuilder().setAllowSoftPlacement(false).build());
                 Result result = session.runner().fetch(sum).run()) {
                return result.size() == 1;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The CUDA libraries of the {@code -Pgpu} build, loaded once, before TensorFlow's native
     * library: TensorFlow opens {@code libcudart.so.12} when it loads and remembers a failure, and
     * TensorFlow Java 1.1.0's own loader preloads CUDA 11's names ({@code libcudart.so.11.0},
     * {@code libcudnn.so.8}), which the CUDA 12.6 redistributable does not have. The list is what
     * TensorFlow 2.18 opens by name for a GPU (cudart; cuBLAS, cuFFT, cuSPARSE, cuSOLVER when it
     * starts one), what those link (nvJitLink), and cuDNN.
     */
    private static final class CudaForTensorFlow {
        static final CudaLibraries.Outcome LOADED = new CudaLibraries().load(Stream.concat(
                Stream.of("libcudart.so.12", "libcublasLt.so.12", "libcublas.so.12", "libcufft.so.11", "libnvJitLink.so.12",
                        "libcusparse.so.12", "libcusolver.so.11"),
                CudaLibraries.CUDNN.stream()).toList());
    }

    /** Session options for this device: on the CPU, GPUs are hidden so that nothing lands there. */
    ConfigProto sessionConfig() {
        ConfigProto.Builder builder = ConfigProto.newBuilder().setAllowSoftPlacement(true);
        if (this == CPU) {
            builder.putDeviceCount("GPU", 0);
        }
        return builder.build();
    }

    /** Lower-case name, as recorded in model.json. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
