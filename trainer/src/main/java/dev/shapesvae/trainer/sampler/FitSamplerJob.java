package dev.shapesvae.trainer.sampler;

import dev.shapesvae.inference.GaussianMixtureFile;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.io.FileProblems;
import dev.shapesvae.repository.BundleFiles;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelManifest;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.SamplerEntry;
import dev.shapesvae.trainer.data.TrainingData;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code trainer fit-sampler}: fits the {@code gmm} sampler to the codes of an existing version
 * (its encoder run by ONNX Runtime on the training split its manifest records) and writes a new
 * version that is the old one plus the sampler: the same graphs (stamped with the new version
 * number, as every version's are), training summary, history and other files, the old version's
 * other samplers, and {@code derivedFrom} naming the old version.
 */
public final class FitSamplerJob {
    private final ModelRepository repository;
    private final InferenceOptions inference;
    private final PrintStream log;

    public FitSamplerJob(ModelRepository repository, InferenceOptions inference, PrintStream log) {
        this.repository = repository;
        this.inference = inference;
        this.log = log;
    }

    /** Adds a gmm sampler to {@code source}, choosing among {@code components} with EM seeded by {@code seed}; returns the new version. */
    public ModelBundle addGmm(ModelBundle source, List<Integer> components, long seed) {
        ModelManifest manifest = source.manifest();
        TrainingData data = TrainingData.split(manifest.dataset().splitSeed(), manifest.dataset().trainFraction());
        if (!data.info().equals(manifest.dataset())) {
            throw new IllegalArgumentException(source.manifestPath() + ": the model was fitted on " + manifest.dataset()
                    + ", which this dataset's split does not give (" + data.info() + ")");
        }
        LatentCodes codes;
        try (GenerativeModel model = GenerativeModel.load(source, inference)) {
            codes = LatentCodes.of(model, data);
        }
        long start = System.nanoTime();
        GaussianMixtureFile file = MixtureSelection.fit(codes, components, seed, EmSettings.DEFAULTS);
        log.printf(Locale.ROOT, "gmm sampler for %s version %d: %s; fitted in %.0f s%n", source.name(), source.version(),
                MixtureSelection.describe(file.fit()), (System.nanoTime() - start) / 1e9);

        Map<String, byte[]> samplers = new LinkedHashMap<>();
        for (SamplerEntry entry : manifest.samplers()) {
            samplers.put(entry.name(), source.samplerBytes(entry));
        }
        samplers.put(GaussianMixtureFile.SAMPLER, file.bytes());
        ModelManifest derived = manifest.derivedVersionOf(source.version(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return repository.write(source.name(), new BundleFiles(derived, read(source.encoderPath()), read(source.decoderPath()),
                otherFiles(source), samplers));
    }

    /**
     * Every other file of the version (its history, its config): what the repository does not
     * write itself. A sampler file that model.json does not list (left by hand, or by a failed
     * copy) is no part of the version and is left out, with a line on the log.
     */
    private Map<String, byte[]> otherFiles(ModelBundle source) {
        Set<String> own = new HashSet<>(Set.of(ModelBundle.ENCODER_FILE, ModelBundle.DECODER_FILE, ModelBundle.MANIFEST_FILE));
        source.manifest().samplers().forEach(s -> own.add(s.file()));
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(source.directory())) {
            for (Path file : list.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (own.contains(name) || name.startsWith(".")) {
                    continue;
                }
                if (SamplerEntry.isSamplerFileName(name)) {
                    log.printf("%s: left out of the new version: model.json does not list it as a sampler%n", file);
                    continue;
                }
                files.put(name, read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source.directory() + ": cannot list (" + FileProblems.reason(e) + ")", e);
        }
        return files;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read (" + FileProblems.reason(e) + ")", e);
        }
    }
}
