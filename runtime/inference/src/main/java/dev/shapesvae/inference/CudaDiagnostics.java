package dev.shapesvae.inference;

import dev.shapesvae.cuda.CudaLibraries;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Says, for whoever sets up a GPU host, how far ONNX Runtime's CUDA provider gets here, and
 * whether its outputs agree with the CPU's. Run with the {@code runtime} program's class path:
 *
 * <pre>
 * java -cp runtime/service/target/runtime.jar dev.shapesvae.inference.CudaDiagnostics libraries
 * java -cp runtime/service/target/runtime.jar dev.shapesvae.inference.CudaDiagnostics compare MODELS NAME
 * </pre>
 *
 * {@code libraries} prints a line for the CUDA libraries, the provider and GPU 0, and exits 0 when
 * CUDA runs, {@value #EXIT_NO_DEVICE} when everything loaded but the driver or the device failed,
 * and 1 when a library or the provider did not load. {@code compare} runs the newest version of a
 * model on both providers ({@value #ROWS} images encoded, as many latents decoded), prints each
 * output's largest difference under {@link Tolerance#CUDA_AGAINST_CPU}, and exits 0 when all agree.
 * bin/gpu-check runs both.
 */
public final class CudaDiagnostics {
    /** Exit status of {@code libraries} when the libraries and the provider loaded but GPU 0 cannot run. */
    public static final int EXIT_NO_DEVICE = 2;
    /** Rows encoded and decoded by {@code compare}. */
    static final int ROWS = 1024;
    private static final long SEED = 1;
    private static final String USAGE = "usage: CudaDiagnostics libraries | CudaDiagnostics compare MODELS NAME";

    private CudaDiagnostics() {
    }

    /** Runs {@code libraries} or {@code compare MODELS NAME}; a wrong use or a failure is one line on standard error and exit 1. */
    public static void main(String[] args) {
        GenerativeModel.limitOnnxRuntimeLogs();
        int status;
        try {
            status = run(List.of(args), System.out);
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    static int run(List<String> args, PrintStream out) {
        if (args.size() == 1 && args.get(0).equals("libraries")) {
            return libraries(CudaProbe.result(), out);
        }
        if (args.size() == 3 && args.get(0).equals("compare")) {
            return compare(Path.of(args.get(1)), args.get(2), out);
        }
        throw new IllegalArgumentException(USAGE);
    }

    static int libraries(CudaProbe probe, PrintStream out) {
        CudaLibraries.Outcome libraries = probe.libraries();
        out.println("CUDA libraries: " + libraries.status().name().toLowerCase(Locale.ROOT) + ": " + libraries.detail());
        CudaProbe.Step failed = probe.failedAt();
        if (failed == CudaProbe.Step.LIBRARIES) {
            return 1;
        }
        String problem = probe.problem().orElse("");
        out.println("ONNX Runtime's CUDA provider: " + (failed == CudaProbe.Step.PROVIDER ? "did not load: " + problem : "loaded"));
        if (failed == CudaProbe.Step.PROVIDER) {
            return 1;
        }
        out.println("GPU 0: " + (failed == CudaProbe.Step.DEVICE ? "cannot run: " + problem : "ran a matrix product"));
        return failed == CudaProbe.Step.DEVICE ? EXIT_NO_DEVICE : 0;
    }

    private static int compare(Path models, String name, PrintStream out) {
        InferenceOptions cpu = InferenceOptions.builder().provider(ExecutionProvider.CPU).build();
        InferenceOptions cuda = InferenceOptions.builder().provider(ExecutionProvider.CUDA).build();
        try (GenerativeModel onCpu = GenerativeModel.open(models, name, cpu);
             GenerativeModel onCuda = GenerativeModel.open(models, name, onCpu.bundle().version(), cuda)) {
            Tolerance tolerance = Tolerance.CUDA_AGAINST_CPU;
            out.printf(Locale.ROOT, "%s version %d, cuda against cpu, %d rows; tolerance |cuda - cpu| <= %s + %s x |cpu|%n", name,
                    onCpu.bundle().version(), ROWS, tolerance.absolute(), tolerance.relative());
            List<OutputAgreement> agreements = ProviderComparison.compare(onCpu, onCuda, ROWS, SEED, tolerance);
            agreements.forEach(agreement -> out.println("  " + agreement + (agreement.agrees() ? "" : ": DISAGREES")));
            return agreements.stream().allMatch(OutputAgreement::agrees) ? 0 : 1;
        }
    }
}
