package dev.shapesvae.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.shapesvae.cuda.CudaLibraries;
import dev.shapesvae.onnx.OnnxModels;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * How far ONNX Runtime's CUDA provider gets in this process, found once on first use (the build
 * and the machine do not change while it runs): the {@code -Pgpu} build's CUDA libraries are
 * loaded, the provider's library loads, and a one-node model runs a matrix product on GPU 0.
 *
 * @param libraries what loading the CUDA libraries of the {@code -Pgpu} build gave
 * @param failedAt the step that failed, or {@link Step#NONE}
 * @param problem why CUDA cannot be used, in one line; empty when it can
 */
record CudaProbe(CudaLibraries.Outcome libraries, Step failedAt, Optional<String> problem) {
    /**
     * What ONNX Runtime 1.23.2's {@code libonnxruntime_providers_cuda.so} links ({@code readelf -d}:
     * cudart, cublasLt, cublas, cufft, curand and cudnn), cuDNN with the parts it opens by name.
     */
    static final List<String> ONNX_RUNTIME_LIBRARIES = Stream.concat(
            Stream.of("libcudart.so.12", "libcublasLt.so.12", "libcublas.so.12", "libcufft.so.11", "libcurand.so.10"),
            CudaLibraries.CUDNN.stream()).toList();
    /** ONNX Runtime's CUDA messages end in source locations; the failure itself reads "CUDA failure 35: text ;". */
    private static final Pattern LIBRARY_FAILURE = Pattern.compile("(CUDA|CUBLAS|CUDNN|CUFFT|CURAND) failure (\\d+): ([^;]*?) *;");
    private static final Pattern ERROR_CODE = Pattern.compile("^Error code - \\w+ - message: ");
    /** cudaErrorInsufficientDriver: what CUDA's runtime says when libcuda.so.1 is missing, too. */
    private static final String INSUFFICIENT_DRIVER = "35";
    private static final float[] PROBE_INPUT = {1f, 1f};
    /** [1, 1] times [[1, 2], [3, 4]]. */
    private static final float[] PROBE_OUTPUT = {4f, 6f};

    /** Where the probe stopped. */
    enum Step {
        /** Loading the {@code -Pgpu} build's CUDA libraries. */
        LIBRARIES("loading the CUDA libraries of the -Pgpu build"),
        /** Loading ONNX Runtime's CUDA provider, the library that links CUDA's. */
        PROVIDER("loading ONNX Runtime's CUDA provider"),
        /** Opening a session on GPU 0 and running a matrix product there: the driver and the device. */
        DEVICE("running on GPU 0"),
        /** Nothing failed. */
        NONE("nothing");

        private final String description;

        Step(String description) {
            this.description = description;
        }

        /** What the step does, in words. */
        String description() {
            return description;
        }
    }

    /** Checks the parts and that a failure has its reason. */
    CudaProbe {
        Objects.requireNonNull(libraries, "libraries");
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(problem, "problem");
        if ((failedAt == Step.NONE) != problem.isEmpty()) {
            throw new IllegalArgumentException("a probe that failed at " + failedAt + " needs a problem, and only then: " + problem);
        }
    }

    /** This process's probe, run on the first call. */
    static CudaProbe result() {
        return Once.RESULT;
    }

    private static final class Once {
        static final CudaProbe RESULT = run();
    }

    private static CudaProbe run() {
        CudaLibraries.Outcome libraries = new CudaLibraries().load(ONNX_RUNTIME_LIBRARIES);
        if (libraries.status() == CudaLibraries.Status.FAILED) {
            return new CudaProbe(libraries, Step.LIBRARIES, Optional.of("the CUDA libraries of the -Pgpu build did not load: " + libraries.detail()));
        }
        // Absent libraries are no failure yet: CUDA installed on the host may serve an onnxruntime_gpu of an embedder's own.
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            try {
                options.addCUDA(0);
            } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                return new CudaProbe(libraries, Step.PROVIDER, Optional.of(oneLine(e.getMessage())));
            }
            Optional<String> wrong = runMatrixProduct(options);
            return new CudaProbe(libraries, wrong.isPresent() ? Step.DEVICE : Step.NONE, wrong);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot create session options: " + e.getMessage(), e);
        }
    }

    /** Opens a session of a one-Gemm model with the CUDA provider and runs it: empty when the answer is right. */
    private static Optional<String> runMatrixProduct(OrtSession.SessionOptions options) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(probeModel(), options);
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(PROBE_INPUT), new long[] {1, PROBE_INPUT.length});
             OrtSession.Result result = session.run(Map.of("x", input))) {
            FloatBuffer buffer = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] output = new float[buffer.remaining()];
            buffer.get(output);
            return Arrays.equals(output, PROBE_OUTPUT) ? Optional.empty()
                    : Optional.of("GPU 0 computed " + Arrays.toString(output) + " instead of " + Arrays.toString(PROBE_OUTPUT));
        } catch (OrtException | RuntimeException e) {
            return Optional.of(oneLine(e.getMessage()));
        }
    }

    private static byte[] probeModel() {
        ONNXContext ctx = new ONNXContext();
        ctx.setName("cuda-probe");
        ONNXRef<?> x = ctx.floatInput("x", PROBE_INPUT.length);
        ONNXRef<?> w = ctx.floatTensor("w", List.of(2, 2), (FloatBuffer b) -> b.put(new float[] {1, 2, 3, 4}));
        ctx.operation(ONNXOperators.GEMM, List.<ONNXRef<?>>of(x, w), "y").assignTo(ctx.floatOutput("y", PROBE_OUTPUT.length));
        return OnnxModels.model(ctx.buildGraph(), "Runs one matrix product to see whether ONNX Runtime's CUDA provider works here.");
    }

    /**
     * ONNX Runtime's message in one line: a CUDA, cuBLAS or cuDNN failure as its code and text
     * without the source locations around it, else the first line without the error-code prefix.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "ONNX Runtime gave no reason";
        }
        String text = ERROR_CODE.matcher(message).replaceFirst("");
        Matcher failure = LIBRARY_FAILURE.matcher(text);
        if (failure.find()) {
            String line = failure.group(1) + " failure " + failure.group(2) + ": " + failure.group(3).trim();
            return failure.group(1).equals("CUDA") && failure.group(2).equals(INSUFFICIENT_DRIVER)
                    ? line + " (no NVIDIA driver libcuda.so.1 here, or one too old for CUDA 12)" : line;
        }
        return text.lines().findFirst().orElse("").trim();
    }
}
