package dev.shapesvae.runtime.cli;

import dev.shapesvae.cli.DeviceOption;
import dev.shapesvae.cli.ModelsFolder;
import dev.shapesvae.inference.ExecutionProvider;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code runtime bench}: in-process decode throughput and latency of each model at several batch
 * sizes, with the achieved GFLOP/s (2 x decoder weights x images / s).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Decode throughput (images/s), latency (p50, p99) and GFLOP/s per model and batch size.")
final class BenchCommand implements Callable<Integer> {
    /** The largest batch measured: 16 of the decode calls of 4096 rows that one batch is split into. */
    static final int MAX_BATCH = 65_536;

    @Mixin
    ModelsFolder repository;

    @Option(names = "--model", description = "Models to measure (default: every model, newest version).")
    List<String> names = new ArrayList<>();

    @Option(names = "--batches", split = ",", defaultValue = "1,16,256,4096", description = "Batch sizes, 1 to " + MAX_BATCH + " (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--seconds", defaultValue = "5", description = "Measuring time per row (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() {
        for (int batch : batches) {
            if (batch < 1 || batch > MAX_BATCH) {
                throw new IllegalArgumentException("--batches must be between 1 and " + MAX_BATCH + ", got " + batch);
            }
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("--seconds must be a positive number, got " + seconds);
        }
        Optional<ExecutionProvider> provider = ExecutionProvider.parse(device.text());
        ModelRepository repository = this.repository.open();
        List<String> selected = names.isEmpty() ? repository.modelNames() : names;
        System.out.printf("%d cores, %.0f s per row; latency is per decode call%n", Runtime.getRuntime().availableProcessors(), seconds);
        System.out.printf("%-14s %6s %12s %10s %10s %10s%n", "model", "batch", "images/s", "p50 ms", "p99 ms", "GFLOP/s");
        for (String name : selected) {
            ModelBundle bundle = repository.load(name);
            var a = bundle.manifest().config().architecture();
            long weights = decoderWeights(bundle.manifest().latentDim(), a.decoderHidden());
            try (GenerativeModel model = GenerativeModel.load(bundle, new InferenceOptions(provider, 0, 4096))) {
                for (int batch : batches) {
                    FloatMatrix z = model.sampleLatents(batch, 1, 1);
                    for (int i = 0; i < 3; i++) {
                        model.decode(z);
                    }
                    List<Long> times = new ArrayList<>();
                    long start = System.nanoTime();
                    while (System.nanoTime() - start < seconds * 1e9) {
                        long t = System.nanoTime();
                        model.decode(z);
                        times.add(System.nanoTime() - t);
                    }
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
                    double rate = times.size() * (double) batch / elapsed;
                    System.out.printf(Locale.ROOT, "%-14s %6d %12.0f %10.3f %10.3f %10.1f%n", name, batch, rate,
                            percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, 2.0 * weights * rate / 1e9);
                    System.out.flush();
                }
            }
        }
        return 0;
    }

    static long decoderWeights(int latent, List<Integer> hidden) {
        long weights = 0;
        int width = latent;
        for (int h : hidden) {
            weights += (long) width * h;
            width = h;
        }
        return weights + (long) width * 784;
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
