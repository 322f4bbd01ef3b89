package dev.shapesvae.analysis.cli;

import dev.shapesvae.analysis.study.StudyOptions;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.runtime.ExecutionProvider;
import dev.shapesvae.runtime.InferenceOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options shared by {@code report} and {@code bench}: which bundles, the study's protocol, the device. */
final class StudyArguments {
    @Option(names = "--models", defaultValue = "models", description = "Model repository folder (default: ${DEFAULT-VALUE}).")
    Path models;

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

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or cuda (default: ${DEFAULT-VALUE}).")
    String device;

    StudyOptions options() {
        return new StudyOptions(nnSamples, coverageSamples, tau, klSamples, seeds, seed, migBins, 100);
    }

    InferenceOptions inference() {
        return new InferenceOptions(ExecutionProvider.parse(device), 0, 1024);
    }

    /** The selected bundles, or the newest version of every model; refuses an empty repository. */
    List<ModelBundle> bundles() {
        ModelRepository repository = new ModelRepository(models);
        List<ModelBundle> bundles = new ArrayList<>();
        if (selected.isEmpty()) {
            for (String name : repository.modelNames()) {
                bundles.add(repository.load(name));
            }
            if (bundles.isEmpty()) {
                throw new IllegalArgumentException("the model repository " + repository.root() + " holds no models; train one with bin/trainer fit");
            }
            return bundles;
        }
        for (String spec : selected) {
            int colon = spec.indexOf(':');
            if (colon < 0) {
                bundles.add(repository.load(spec));
            } else {
                bundles.add(repository.load(spec.substring(0, colon), parseVersion(spec.substring(colon + 1))));
            }
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
