package dev.shapesvae.repository;

import dev.shapesvae.io.FileTrees;
import dev.shapesvae.io.StagingFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The model repository on disk, laid out as {@code <root>/<name>/<version>/{encoder.onnx,
 * decoder.onnx, model.json}} (and the files of stored samplers, {@code sampler-<name>.json}) after
 * NVIDIA Triton's convention. Versions are positive integers and
 * the newest is the default. Loading verifies every bundle; writing is atomic, so a reader never
 * sees a half-written version. Names and versions are validated before any path is built, so no
 * request reaches outside the root.
 */
public final class ModelRepository {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");
    private static final String STAGING_PREFIX = ".staging-";

    private final Path root;

    public ModelRepository(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Checks a model name against {@code [a-z0-9][a-z0-9._-]*}. */
    public static String checkName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid model name '" + name + "': use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }

    private static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    /**
     * What the repository holds: the well-named versions of every model, and the entries that are
     * skipped with the reason (a folder that is not a valid model name or version number, a plain
     * file). Hidden entries, such as staging folders, are neither listed nor reported. The bundles
     * themselves are not verified here: see {@link #loadAll()}.
     */
    public Inventory inventory() {
        requireRoot();
        SortedMap<String, List<Integer>> models = new TreeMap<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path child : visibleChildren(root)) {
            if (!Files.isDirectory(child)) {
                skipped.add(new Skipped(child, "not a folder"));
            } else if (!isValidName(child.getFileName().toString())) {
                skipped.add(new Skipped(child, "folder name is not a valid model name ([a-z0-9][a-z0-9._-]*, no '..')"));
            } else {
                try {
                    models.put(child.getFileName().toString(), versionsIn(child, skipped));
                } catch (BundleException e) {
                    // One model folder this user cannot list must not hide the others.
                    skipped.add(Skipped.of(e));
                }
            }
        }
        return new Inventory(Collections.unmodifiableSortedMap(models), List.copyOf(skipped));
    }

    /** Names of the models in the repository, sorted; entries that are not models are skipped (see {@link #inventory()}). */
    public List<String> modelNames() {
        return List.copyOf(inventory().models().keySet());
    }

    /** The versions of a model, ascending; folders that are not version numbers are skipped. */
    public List<Integer> versions(String name) {
        Path modelDir = modelDir(name);
        if (!Files.isDirectory(modelDir)) {
            throw new ModelNotFoundException(modelDir, "no model named '" + name + "'");
        }
        return versionsIn(modelDir, new ArrayList<>());
    }

    private static List<Integer> versionsIn(Path modelDir, List<Skipped> skipped) {
        List<Integer> versions = new ArrayList<>();
        for (Path child : visibleChildren(modelDir)) {
            String fileName = child.getFileName().toString();
            if (!Files.isDirectory(child)) {
                skipped.add(new Skipped(child, "not a version folder"));
            } else if (!isVersion(fileName)) {
                skipped.add(new Skipped(child, "version folder is not a positive integer"));
            } else {
                versions.add(Integer.parseInt(fileName));
            }
        }
        versions.sort(Comparator.naturalOrder());
        return List.copyOf(versions);
    }

    /** The newest version of a model, verified. */
    public ModelBundle load(String name) {
        List<Integer> versions = versions(name);
        if (versions.isEmpty()) {
            throw new ModelNotFoundException(modelDir(name), "model '" + name + "' has no versions");
        }
        return load(name, versions.get(versions.size() - 1));
    }

    /**
     * The newest version of a model that loads, or empty if none does; each version newer than
     * the one returned (every version, when none loads) is added to {@code skipped} with its problem.
     */
    public Optional<ModelBundle> loadNewestGood(String name, List<Skipped> skipped) {
        List<Integer> versions = versions(name);
        for (int i = versions.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(load(name, versions.get(i)));
            } catch (BundleException e) {
                skipped.add(Skipped.of(e));
            }
        }
        return Optional.empty();
    }

    /** One version of a model, verified: files present, manifest valid, hashes (graphs' and samplers') and graph signatures agree. */
    public ModelBundle load(String name, int version) {
        if (version <= 0) {
            throw new IllegalArgumentException("version must be a positive integer, got " + version);
        }
        Path dir = modelDir(name).resolve(Integer.toString(version));
        if (!Files.isDirectory(dir)) {
            throw new ModelNotFoundException(dir, "model '" + name + "' has no version " + version);
        }
        ModelManifest manifest = ManifestCodec.read(dir.resolve(ModelBundle.MANIFEST_FILE));
        BundleVerifier.verify(dir, manifest, BundleFileBytes.read(dir.resolve(ModelBundle.ENCODER_FILE)),
                BundleFileBytes.read(dir.resolve(ModelBundle.DECODER_FILE)));
        ModelBundle bundle = new ModelBundle(name, version, dir, manifest);
        manifest.samplers().forEach(bundle::samplerBytes);
        return bundle;
    }

    /**
     * Every version of every model that loads and verifies; stray entries and broken bundles are
     * skipped and reported, so one bad folder never hides the rest.
     */
    public Loaded loadAll() {
        Inventory inventory = inventory();
        List<ModelBundle> bundles = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>(inventory.skipped());
        inventory.models().forEach((name, versions) -> {
            for (int version : versions) {
                try {
                    bundles.add(load(name, version));
                } catch (BundleException e) {
                    skipped.add(Skipped.of(e));
                }
            }
        });
        return new Loaded(List.copyOf(bundles), List.copyOf(skipped));
    }

    /**
     * Writes a new version of a model: the next integer after the newest. The files go to a hidden
     * staging folder beside the versions and the folder is renamed into place in one step. Both
     * graphs carry the version number in their ONNX metadata (see {@link BundleMetadata}), and
     * model.json the hashes of those very bytes and of the samplers' files. Nothing is left behind if any step fails, and
     * staging folders that a killed writer left are removed first.
     */
    public ModelBundle write(String name, BundleFiles files) {
        Path modelDir = modelDir(name);
        // The contract is checked once, before anything touches the disk: stamping changes metadata only.
        BundleVerifier.verify(modelDir.resolve("new"), StampedBundle.withHashes(files, files.encoder(), files.decoder()),
                files.encoder(), files.decoder());

        Path staging = null;
        try {
            StagingFolders.removeAbandoned(modelDir, STAGING_PREFIX);
            staging = StagingFolders.create(modelDir, STAGING_PREFIX);
            for (Map.Entry<String, byte[]> extra : files.extraFiles().entrySet()) {
                Files.write(staging.resolve(extra.getKey()), extra.getValue());
            }
            for (Map.Entry<String, byte[]> sampler : files.samplers().entrySet()) {
                Files.write(staging.resolve(SamplerEntry.fileName(sampler.getKey())), sampler.getValue());
            }
            return moveIntoPlace(name, staging, files);
        } catch (IOException e) {
            throw new BundleException(modelDir, "cannot write a new version: " + e, e);
        } finally {
            if (staging != null) {
                deleteRecursively(staging);
            }
        }
    }

    /**
     * Stamps the graphs for the next free version number and renames the staging folder to it.
     * Another writer may take that number between the listing and the rename; then the files are
     * stamped again for the number after it, so that a version's files always name their own version.
     */
    private ModelBundle moveIntoPlace(String name, Path staging, BundleFiles files) throws IOException {
        int version = 0;
        for (int attempt = 0; attempt < 100; attempt++) {
            List<Integer> versions = versions(name);
            version = Math.max(versions.isEmpty() ? 1 : versions.get(versions.size() - 1) + 1, version + 1);
            if (!isVersion(Integer.toString(version))) {
                throw new BundleException(modelDir(name), "no version number is left after " + (version - 1) + " (at most 9 digits)");
            }
            Path target = modelDir(name).resolve(Integer.toString(version));
            if (Files.exists(target)) {
                continue;
            }
            StampedBundle stamped = StampedBundle.of(name, version, files);
            stamped.writeTo(staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return new ModelBundle(name, version, target, stamped.manifest());
            } catch (AtomicMoveNotSupportedException e) {
                throw new BundleException(target, "the file system cannot rename folders atomically", e);
            } catch (FileSystemException e) {
                // Linux reports a rename onto a folder that another writer has just filled as a plain
                // FileSystemException ("Directory not empty"), not as DirectoryNotEmptyException.
                if (!Files.exists(target)) {
                    throw e;
                }
            }
        }
        throw new BundleException(modelDir(name), "could not claim a version number after 100 attempts");
    }

    private static boolean isVersion(String folderName) {
        return VERSION.matcher(folderName).matches();
    }

    private Path modelDir(String name) {
        return root.resolve(checkName(name));
    }

    private void requireRoot() {
        if (!Files.isDirectory(root)) {
            throw new ModelNotFoundException(root, "model repository folder does not exist");
        }
    }

    private static List<Path> visibleChildren(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (AccessDeniedException e) {
            throw new BundleException(dir, "cannot list: permission denied", e);
        } catch (IOException e) {
            throw new BundleException(dir, "cannot list: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dir, e);
        }
    }
}
