package dev.shapesvae.trainer.cli;

import dev.shapesvae.cli.ModelsFolder;
import dev.shapesvae.inference.ExecutionProvider;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.trainer.sampler.FitSamplerJob;
import dev.shapesvae.trainer.sampler.MixtureSelection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainer fit-sampler}: adds a latent sampler to an existing model as a new version. */
@Command(name = "fit-sampler", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a latent sampler to a model's training codes and write the model with it as the next version of models/<name>.",
            "gmm: Gaussian mixtures with full covariances, the number of components chosen by held-out log-likelihood.",
            "The new version has the same graphs, training and history; its model.json says which version it was derived from."})
public final class FitSamplerCommand implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "Model name in the repository.")
    String name;

    @Option(names = "--model-version", paramLabel = "VERSION", description = "The version to add the sampler to (default: the newest).")
    Optional<Integer> version;

    @Option(names = "--components", split = ",", paramLabel = "K",
            description = "Numbers of mixture components to try; the held-out log-likelihood chooses (default: 1,2,4,8,16,32,64,128).")
    List<Integer> components;

    @Option(names = "--seed", description = "Seed of EM's initialisation (default: the model's seed).")
    Optional<Long> seed;

    @Mixin
    ModelsFolder models;

    /**
     * Not the shared {@code --device} (default auto): on a GPU the encoder's products run in TF32,
     * and codes that differ in their last bits give another mixture, so that the same version and
     * seed would fit differently on a GPU host and on a CPU one.
     */
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "Where ONNX Runtime computes the codes: cpu, gpu (also: cuda) or auto (default: ${DEFAULT-VALUE}: on a GPU the codes "
                    + "differ in their last bits, and so may the mixture fitted to them from the same version and seed).")
    String device;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelRepository.checkName(name);
        List<Integer> candidates = MixtureSelection.checkCandidates(components == null ? MixtureSelection.DEFAULT_COMPONENTS : components);
        ModelRepository repository = models.open();
        ModelBundle source = version.isPresent() ? repository.load(name, version.get()) : repository.load(name);
        InferenceOptions inference = InferenceOptions.builder().provider(ExecutionProvider.parse(device)).build();
        ModelBundle written = new FitSamplerJob(repository, inference, System.err)
                .addGmm(source, candidates, seed.orElse(source.manifest().config().hyperparameters().seed()));
        spec.commandLine().getOut().println(written.directory());
        return 0;
    }
}
