package dev.shapesvae.trainer.cli;

import dev.shapesvae.cli.Cli;
import dev.shapesvae.cli.DeviceOption;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.Precision;
import dev.shapesvae.trainer.bench.AdamFloor;
import dev.shapesvae.trainer.bench.LayerShape;
import dev.shapesvae.trainer.bench.MatmulCeiling;
import dev.shapesvae.trainer.bench.MatmulPlacement;
import dev.shapesvae.trainer.bench.StepProfile;
import dev.shapesvae.trainer.config.Presets;
import dev.shapesvae.trainer.model.ComputeType;
import dev.shapesvae.trainer.model.Device;
import dev.shapesvae.trainer.model.ModelGraph;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer bench}: training throughput of each preset at its batch size, in each precision
 * asked for, against the bare matmul ceiling of the same shapes in the same precision, as a table.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure training samples/s and GFLOP/s (6 x weights x samples/s) for presets,",
            "beside a bare TensorFlow matmul step of the same shapes (the ceiling), and that step plus a bare Adam update,",
            "each in the precision of the training step it is compared with."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--presets", split = ",", defaultValue = "paper-vae,paper-ae,quick-vae,quick-ae",
            description = "Presets to measure (default: ${DEFAULT-VALUE}).")
    List<String> presets;

    @Option(names = "--precision", split = ",", paramLabel = "P", defaultValue = "fp32",
            description = "Precisions to measure each preset in, one row each: " + PrecisionFlag.CHOICES + "; fp32,bf16 for both "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> precisions;

    @Option(names = "--seconds", defaultValue = "10", description = "Measuring time per row and method (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Mixin
    DeviceOption device;

    @Option(names = "--dropout", description = "Measure with this dropout rate instead of the preset's (e.g. 0, to see what the masks cost).")
    Optional<Double> dropout;

    @Option(names = "--profile", paramLabel = "STEPS", defaultValue = "0",
            description = "After each preset's row, trace this many training steps and list the op types that took the most time (default: none).")
    int profileSteps;

    @Option(names = "--placement",
            description = {"After each preset's row, trace one training step and print on which devices its matrix products (MatMul nodes) ran,",
                "and whether all ran on the device measured; exit 1 after the table if any ran elsewhere."})
    boolean placement;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--seconds must be positive");
        }
        if (profileSteps < 0) {
            throw new IllegalArgumentException("--profile must be a number of steps, 0 or more, got " + profileSteps);
        }
        Map<String, ModelConfig> configs = new LinkedHashMap<>();
        presets.forEach(name -> configs.put(name, withDropout(Presets.get(name))));
        List<Precision> chosenPrecisions = precisions.stream().map(PrecisionFlag::parse).distinct().toList();
        Device chosen = Device.choose(device.text());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("device %s, %d cores, %.0f s per measurement%s%n", chosen.label(), Runtime.getRuntime().availableProcessors(), seconds,
                dropout.map(rate -> ", dropout " + rate + " in every preset").orElse(""));
        out.printf("%-10s %4s %6s %12s %14s %10s %14s %10s %8s %14s %9s%n", "preset", "prec", "batch", "weights", "train samp/s", "GFLOP/s",
                "ceiling samp/s", "GFLOP/s", "of ceil", "+adam samp/s", "of +adam");
        ShapesDataset dataset = ShapesDataset.standard();
        float[] images = dataset.pixels(IntStream.range(0, 4096).toArray());
        // Each row whose matrix products did not all run on the device measured, with where they ran.
        List<String> offDevice = new ArrayList<>();
        for (Map.Entry<String, ModelConfig> preset : configs.entrySet()) {
            for (Precision precision : chosenPrecisions) {
                measure(out, preset.getKey(), inPrecision(preset.getValue(), precision), images, dataset.pixels(new int[] {0}), chosen,
                        offDevice);
            }
        }
        if (!offDevice.isEmpty()) {
            throw new Cli.UserError("--placement: not every matrix product ran on the " + chosen.label() + ": "
                    + String.join("; ", offDevice));
        }
        return 0;
    }

    /**
     * One row of the table, and the profile and placement after it if asked for; a row whose
     * products ran elsewhere than on {@code device} is added to {@code offDevice}.
     */
    private void measure(PrintWriter out, String name, ModelConfig config, float[] images, float[] validation, Device device,
            List<String> offDevice) {
        int batch = config.hyperparameters().batchSize();
        Precision precision = config.hyperparameters().precision();
        ComputeType<?> compute = ComputeType.of(precision);
        try (ModelGraph graph = new ModelGraph(config, images, validation, device)) {
            List<LayerShape> layers = LayerShape.of(graph);
            long weights = layers.stream().mapToLong(LayerShape::weights).sum();
            int[][] batches = IntStream.range(0, images.length / Canvas.PIXELS / batch)
                    .mapToObj(b -> IntStream.range(b * batch, (b + 1) * batch).toArray()).toArray(int[][]::new);
            long[] step = {0};
            double trainRate = rate(() -> graph.trainStep(batches[(int) (step[0] % batches.length)], ++step[0]), batch);
            double ceilingRate;
            try (MatmulCeiling ceiling = new MatmulCeiling(layers, batch, compute)) {
                ceilingRate = rate(ceiling::step, batch);
            }
            double adamRate;
            try (AdamFloor adam = new AdamFloor(layers, compute)) {
                adamRate = rate(adam::step, batch);
            }
            // Seconds per sample add up: the matrix products, then the optimiser's update.
            double withAdamRate = 1 / (1 / ceilingRate + 1 / adamRate);
            double trainGflops = 6.0 * weights * trainRate / 1e9;
            double ceilingGflops = 6.0 * weights * ceilingRate / 1e9;
            out.printf(Locale.ROOT, "%-10s %4s %6d %12d %14.0f %10.1f %14.0f %10.1f %7.0f%% %14.0f %8.0f%%%n", name, precision.label(), batch,
                    weights, trainRate, trainGflops, ceilingRate, ceilingGflops, 100 * trainRate / ceilingRate, withAdamRate,
                    100 * trainRate / withAdamRate);
            if (profileSteps > 0) {
                printProfile(out, name + " in " + precision.label(), profile(graph, batches, step[0]));
            }
            if (placement) {
                MatmulPlacement where = MatmulPlacement.of(graph.tracedTrainStep(batches[0], ++step[0]));
                boolean onDevice = where.allOn(device.name());
                out.printf("  %s placement: MatMul nodes by device: %s (%s on the %s)%n", name, where, onDevice ? "all" : "NOT all",
                        device.label());
                if (!onDevice) {
                    offDevice.add(name + " in " + precision.label() + " (MatMul nodes by device: " + where + ")");
                }
            }
            out.flush();
        }
    }

    private static ModelConfig inPrecision(ModelConfig preset, Precision precision) {
        return new ModelConfig(preset.kind(), preset.latentDim(), preset.architecture(), preset.hyperparameters().withPrecision(precision));
    }

    private ModelConfig withDropout(ModelConfig preset) {
        return dropout.map(rate -> new ModelConfig(preset.kind(), preset.latentDim(),
                new Architecture(preset.architecture().encoderHidden(), preset.architecture().decoderHidden(), rate,
                        preset.architecture().layerNorm()), preset.hyperparameters())).orElse(preset);
    }

    private StepProfile profile(ModelGraph graph, int[][] batches, long stepsTaken) {
        StepProfile profile = StepProfile.empty();
        for (int i = 1; i <= profileSteps; i++) {
            profile = profile.plus(StepProfile.of(graph.tracedTrainStep(batches[i % batches.length], stepsTaken + i)));
        }
        return profile;
    }

    private static void printProfile(PrintWriter out, String preset, StepProfile profile) {
        out.printf("  %s, %d traced steps: op types by kernel time (ops overlap, so shares are of the summed time)%n", preset, profile.steps());
        for (StepProfile.OpTime op : profile.top(8)) {
            out.printf(Locale.ROOT, "    %-36s %9.2f ms/step %6.1f %%%n", op.opType(), op.millisPerStep(), 100 * op.share());
        }
    }

    /** Samples per second of an action that processes one batch, after a warm-up. */
    private double rate(Runnable batchStep, int batch) {
        for (int i = 0; i < 3; i++) {
            batchStep.run();
        }
        long start = System.nanoTime();
        long steps = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
            batchStep.run();
            steps++;
        }
        return steps * batch / ((System.nanoTime() - start) / 1e9);
    }
}
