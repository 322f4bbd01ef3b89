package dev.shapesvae.analysis.cli;

import dev.shapesvae.analysis.study.StudyOptions;
import dev.shapesvae.cli.DeviceOption;
import dev.shapesvae.cli.ModelsFolder;
import dev.shapesvae.inference.ExecutionProvider;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.Inventory;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.Skipped;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options shared by {@code report} and {@code bench}: which bundles, the study's protocol, the device. */
final class StudyArguments {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    ModelsFolder models;

    @Option(names = "--model", paramLabel = "NAME[:VERSION]", description = "A model to include (repeatable; default: every model, newest version).")
    List<String> selected = new ArrayList<>();

    @Option(names = "--seeds", defaultValue = "5", description = "Repetitions of each sampled metric (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seed", defaultValue = "0", description = "Base seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--nn-samples", defaultValue = "1000", description = "Samples for the nearest-neighbour distance (default: ${DEFAULT-VALUE}).")
    int nnSamples;

    @Option(names = "--coverage-samples", defaultValue = "10000", description = "Samples for coverage (default: ${DEFAULT-VALUE}).")
    int coverageSamples;

    @Option(names = "--tau", defaultValue = "3.0", description = "Coverage threshold (default: ${DEFAULT-VALUE}).")
    double tau;

    @Option(names = "--kl-samples", defaultValue = "8002", description = "Samples for the KL divergences (default: ${DEFAULT-VALUE}).")
    int klSamples;

    @Option(names = "--mig-bins", defaultValue = "20", description = "Bins per latent dimension for MIG (default: ${DEFAULT-VALUE}).")
    int migBins;

    @Mixin
    DeviceOption device;

    StudyOptions options() {
        return new StudyOptions(nnSamples, coverageSamples, tau, klSamples, seeds, seed, migBins, 100);
    }

    InferenceOptions inference() {
        return InferenceOptions.builder().provider(ExecutionProvider.parse(device.text())).build();
    }

    @Option(names = "--strict", description = "Refuse to run when an entry of the repository is skipped (a stray folder or a broken bundle).")
    boolean strict;

    /**
     * The selected bundles, or the newest good version of every model; refuses an empty
     * repository. What is skipped is reported on the command's error stream, one line each, or
     * refused with {@code --strict}.
     */
    List<ModelBundle> bundles() {
        ModelRepository repository = models.open();
        List<ModelBundle> bundles = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        if (selected.isEmpty()) {
            Inventory inventory = repository.inventory();
            skipped.addAll(inventory.skipped());
            for (String name : inventory.models().keySet()) {
                repository.loadNewestGood(name, skipped).ifPresent(bundles::add);
            }
        } else {
            for (String spec : selected) {
                int colon = spec.indexOf(':');
                if (colon < 0) {
                    int before = skipped.size();
                    bundles.add(repository.loadNewestGood(spec, skipped).orElseThrow(() -> new IllegalArgumentException(
                            "--model " + spec + ": no version loads; the newest: " + skipped.get(before))));
                } else {
                    bundles.add(repository.load(spec.substring(0, colon), parseVersion(spec.substring(colon + 1))));
                }
            }
        }
        if (strict && !skipped.isEmpty()) {
            throw new IllegalArgumentException("--strict: " + skipped.size() + " entr" + (skipped.size() == 1 ? "y" : "ies")
                    + " of the repository cannot be used, the first " + skipped.get(0));
        }
        PrintWriter warnings = command.commandLine().getErr();
        skipped.forEach(s -> warnings.println("warning: skipping " + s));
        warnings.flush();
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("the model repository " + repository.root() + " holds no usable models; train one with bin/trainer fit");
        }
        return bundles;
    }

    private static int parseVersion(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--model version must be a positive integer, got '" + text + "'");
        }
    }
}
