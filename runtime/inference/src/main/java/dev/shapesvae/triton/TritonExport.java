package dev.shapesvae.triton;

import dev.shapesvae.io.FileTrees;
import dev.shapesvae.io.StagingFolders;
import dev.shapesvae.repository.BundleException;
import dev.shapesvae.repository.BundleGraph;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelManifest;
import dev.shapesvae.repository.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a model repository that NVIDIA Triton loads unchanged, one Triton model per graph:
 * {@code <out>/<name>-encoder/<version>/model.onnx} and {@code <out>/<name>-decoder/<version>/model.onnx},
 * each model with its {@link TritonModelConfig config.pbtxt}. The names are those of our /v2
 * models, so a client moves from {@code runtime serve} to Triton by changing the URL.
 *
 * <p>The whole repository is written into a hidden staging folder beside {@code out} and renamed
 * into place when complete, so Triton never sees half of it; {@code out} must not exist yet, or be
 * an empty folder. Each ONNX file is copied byte for byte after its sha256 is checked against
 * model.json again.
 */
public final class TritonExport {
    private TritonExport() {
    }

    /**
     * What was exported.
     *
     * @param folder the Triton repository
     * @param models each Triton model and its versions, ascending
     * @param skipped each bundle left out, and why
     */
    public record Result(Path folder, SortedMap<String, List<Integer>> models, List<String> skipped) {
    }

    /**
     * Exports verified bundles. All versions of a model share one Triton configuration, so a
     * version whose kind or latent size differs from the newest's is left out and named in
     * {@link Result#skipped()}.
     *
     * @throws IllegalArgumentException if there is nothing to export, or {@code out} is taken
     */
    public static Result write(List<ModelBundle> bundles, Path out, TritonOptions options) throws IOException {
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("nothing to export: no model version loads");
        }
        Path target = out.toAbsolutePath().normalize();
        if (target.getFileName() == null) {
            throw new IllegalArgumentException("--out " + out + ": name a folder to create");
        }
        requireFree(target);
        SortedMap<String, List<ModelBundle>> byName = new TreeMap<>();
        for (ModelBundle bundle : bundles) {
            byName.computeIfAbsent(bundle.name(), n -> new ArrayList<>()).add(bundle);
        }

        Path parent = Files.createDirectories(target.getParent());
        String prefix = "." + target.getFileName() + ".staging-";
        StagingFolders.removeAbandoned(parent, prefix);
        Path staging = StagingFolders.create(parent, prefix);
        try {
            SortedMap<String, List<Integer>> written = new TreeMap<>();
            List<String> skipped = new ArrayList<>();
            for (Map.Entry<String, List<ModelBundle>> model : byName.entrySet()) {
                List<ModelBundle> versions = sameSignatureAsNewest(model.getValue(), skipped);
                for (BundleGraph graph : BundleGraph.values()) {
                    String tritonName = writeModel(staging, model.getKey(), graph, versions, options);
                    written.put(tritonName, versions.stream().map(ModelBundle::version).toList());
                }
            }
            moveIntoPlace(staging, target);
            return new Result(target, written, List.copyOf(skipped));
        } finally {
            FileTrees.deleteRecursively(staging);
        }
    }

    private static void requireFree(Path out) throws IOException {
        if (Files.isDirectory(out)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(out)) {
                if (entries.iterator().hasNext()) {
                    throw new IllegalArgumentException("--out " + out + " already exists and is not empty; export into a new folder"
                            + " and point Triton at it (Triton reads a repository whole)");
                }
            }
        } else if (Files.exists(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file; name a folder to create");
        }
    }

    /** The versions, newest last, that share the newest one's kind and latent size; the others go to {@code skipped}. */
    private static List<ModelBundle> sameSignatureAsNewest(List<ModelBundle> versions, List<String> skipped) {
        List<ModelBundle> sorted = versions.stream().sorted(Comparator.comparingInt(ModelBundle::version)).toList();
        ModelManifest newest = sorted.get(sorted.size() - 1).manifest();
        List<ModelBundle> kept = new ArrayList<>();
        for (ModelBundle bundle : sorted) {
            ModelManifest m = bundle.manifest();
            if (m.kind() == newest.kind() && m.latentDim() == newest.latentDim()) {
                kept.add(bundle);
            } else {
                skipped.add(bundle.name() + " version " + bundle.version() + ": a " + m.kind().label() + " of latent " + m.latentDim()
                        + ", while the newest is a " + newest.kind().label() + " of latent " + newest.latentDim()
                        + "; Triton gives all versions of a model one configuration");
            }
        }
        return kept;
    }

    /** Writes one Triton model (its config and a version folder per bundle); returns its name. */
    private static String writeModel(Path repository, String name, BundleGraph graph, List<ModelBundle> versions, TritonOptions options)
            throws IOException {
        ModelManifest newest = versions.get(versions.size() - 1).manifest();
        TritonModelConfig config = TritonModelConfig.of(graph, name, newest.kind(), newest.latentDim(), options);
        Path modelFolder = Files.createDirectory(repository.resolve(config.name()));
        Files.writeString(modelFolder.resolve("config.pbtxt"), config.toPbtxt(), StandardCharsets.UTF_8);
        for (ModelBundle bundle : versions) {
            Path versionFolder = Files.createDirectory(modelFolder.resolve(Integer.toString(bundle.version())));
            Files.write(versionFolder.resolve("model.onnx"), verifiedBytes(bundle, graph));
        }
        return config.name();
    }

    private static byte[] verifiedBytes(ModelBundle bundle, BundleGraph graph) throws IOException {
        Path file = bundle.directory().resolve(graph.fileName());
        byte[] bytes = Files.readAllBytes(file);
        String recorded = bundle.manifest().onnx().sha256().get(graph.fileName());
        String actual = Sha256.hex(bytes);
        if (!actual.equals(recorded)) {
            throw new BundleException(file, "changed since it was verified: model.json says sha256 " + recorded + ", the file hashes to " + actual);
        }
        return bytes;
    }

    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        try {
            // On Linux a rename replaces an empty folder in one step, and fails on one with files.
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(target + ": the file system cannot rename folders atomically", e);
        } catch (FileSystemException e) {
            if (Files.exists(target)) {
                throw new IllegalArgumentException("--out " + target + " was filled by someone else during the export; export into a new folder", e);
            }
            throw e;
        }
    }
}
