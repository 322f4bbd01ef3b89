package dev.shapesvae.runtime.cli;

import dev.shapesvae.cli.DeviceOption;
import dev.shapesvae.cli.ModelsFolder;
import dev.shapesvae.repository.BundleException;
import dev.shapesvae.repository.Loaded;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.Skipped;
import dev.shapesvae.triton.TritonExport;
import dev.shapesvae.triton.TritonOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runtime export-triton}: the repository, or some of its models, as a model repository NVIDIA Triton loads. */
@Command(name = "export-triton", mixinStandardHelpOptions = true,
        description = {"Write a model repository that NVIDIA Triton loads unchanged: <name>-encoder and <name>-decoder,"
            + " each with config.pbtxt (onnxruntime backend, dynamic batching) and <version>/model.onnx, named as this"
            + " service's /v2 models.",
            "Written into a hidden folder beside --out and renamed into place when complete; --out must not exist or be empty."})
final class ExportTritonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelsFolder models;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Triton model repository folder to create.")
    Path out;

    @Option(names = "--model", paramLabel = "NAME[:VERSION]",
            description = "A model to export, all its versions or one (repeatable; default: every version of every model).")
    List<String> selected = new ArrayList<>();

    @Option(names = "--max-batch-size", defaultValue = "" + TritonOptions.DEFAULT_MAX_BATCH_SIZE,
            description = "Triton's max_batch_size: rows per request and per dynamic batch (default: ${DEFAULT-VALUE}, as serve's --max-count).")
    int maxBatchSize;

    @Option(names = "--max-queue-delay", paramLabel = "MICROSECONDS", defaultValue = "" + TritonOptions.DEFAULT_MAX_QUEUE_DELAY_MICROSECONDS,
            description = "How long the dynamic batcher waits to fill a batch (default: ${DEFAULT-VALUE}).")
    long maxQueueDelay;

    @Option(names = "--instances", defaultValue = "1", description = "Model instances per device (default: ${DEFAULT-VALUE}).")
    int instances;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        TritonOptions options = new TritonOptions(maxBatchSize, maxQueueDelay, instances, TritonOptions.Device.parse(device.text()));
        ModelRepository repository = models.open();
        List<Skipped> skipped = new ArrayList<>();
        List<ModelBundle> bundles = selected.isEmpty() ? everything(repository, skipped) : chosen(repository, skipped);
        PrintWriter err = spec.commandLine().getErr();
        skipped.forEach(s -> err.println("warning: skipping " + s));
        TritonExport.Result result = TritonExport.write(bundles, out, options);
        result.skipped().forEach(s -> err.println("warning: skipping " + s));
        err.flush();
        PrintWriter stdout = spec.commandLine().getOut();
        for (Map.Entry<String, List<Integer>> model : result.models().entrySet()) {
            stdout.println(model.getKey() + " versions " + model.getValue().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(""));
        }
        stdout.println("wrote " + result.folder());
        stdout.flush();
        return 0;
    }

    private static List<ModelBundle> everything(ModelRepository repository, List<Skipped> skipped) {
        Loaded loaded = repository.loadAll();
        skipped.addAll(loaded.skipped());
        return loaded.bundles();
    }

    private List<ModelBundle> chosen(ModelRepository repository, List<Skipped> skipped) {
        List<ModelBundle> bundles = new ArrayList<>();
        for (String selector : selected) {
            int colon = selector.indexOf(':');
            String name = colon < 0 ? selector : selector.substring(0, colon);
            Optional<Integer> version = colon < 0 ? Optional.empty() : Optional.of(version(selector, selector.substring(colon + 1)));
            if (version.isPresent()) {
                bundles.add(repository.load(name, version.get()));
                continue;
            }
            for (int v : repository.versions(name)) {
                try {
                    bundles.add(repository.load(name, v));
                } catch (BundleException e) {
                    skipped.add(Skipped.of(e));
                }
            }
        }
        return bundles.stream().distinct().toList();
    }

    private static int version(String selector, String text) {
        try {
            int version = Integer.parseInt(text);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--model " + selector + ": the version after ':' must be a positive integer");
    }
}
