package dev.shapesvae.runtime.cli;

import dev.shapesvae.cli.DeviceOption;
import dev.shapesvae.cli.ModelsFolder;
import dev.shapesvae.image.ImageGrid;
import dev.shapesvae.image.Png;
import dev.shapesvae.inference.Decoding;
import dev.shapesvae.inference.ExecutionProvider;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.inference.LatentSampler;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runtime sample}: draws samples from a model into a PNG grid. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample z from the prior N(0, t^2 I) or a sampler stored with the model, decode, and write a PNG grid.")
final class SampleCommand implements Callable<Integer> {
    /** The most images in one grid: as many as the service's default --max-count; a grid of them, 8 across, is already 44,000 pixels tall. */
    static final int MAX_COUNT = 4096;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelsFolder repository;

    @Option(names = "--name", required = true, description = "Model name.")
    String name;

    @Option(names = "--model-version", paramLabel = "VERSION", description = "Model version (default: the newest).")
    Optional<Integer> version;

    @Option(names = "--count", defaultValue = "64", description = "Samples, 1 to " + MAX_COUNT + " (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--temperature", defaultValue = "1", description = "Spread of z: its standard deviation under the prior (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--sampler", defaultValue = LatentSampler.PRIOR,
            description = "Where z comes from: prior, or a sampler stored with the model such as gmm (default: ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--columns", defaultValue = "8", description = "Grid columns (default: ${DEFAULT-VALUE}).")
    int columns;

    @Mixin
    DeviceOption device;

    @Option(names = "--out", required = true, description = "PNG file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("--count must be between 1 and " + MAX_COUNT + ", got " + count
                    + "; for more, run sample again with another --seed");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("--columns must be at least 1, got " + columns);
        }
        Optional<ExecutionProvider> provider = ExecutionProvider.parse(device.text());
        ModelRepository models = repository.open();
        ModelBundle bundle = version.isPresent() ? models.load(name, version.get()) : models.load(name);
        try (GenerativeModel model = GenerativeModel.load(bundle, InferenceOptions.builder().provider(provider).build())) {
            Decoding samples = model.sample(sampler, count, seed, temperature);
            List<float[]> images = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                images.add(samples.probs().row(i));
            }
            Png.write(new ImageGrid(columns, 3, 2).render(images), out);
        }
        spec.commandLine().getOut().println(out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
