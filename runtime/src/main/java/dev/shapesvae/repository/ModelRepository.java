package dev.shapesvae.repository;

import dev.shapesvae.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The model repository on disk, laid out as {@code <root>/<name>/<version>/{encoder.onnx,
 * decoder.onnx, model.json}} after NVIDIA Triton's convention. Versions are positive integers and
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
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("invalid model name '" + name + "': use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }

    /** Names of the models in the repository, sorted. Hidden entries and plain files are skipped. */
    public List<String> modelNames() {
        requireRoot();
        List<String> names = new ArrayList<>();
        for (Path child : children(root)) {
            String fileName = child.getFileName().toString();
            if (fileName.startsWith(".") || !Files.isDirectory(child)) {
                continue;
            }
            if (!NAME.matcher(fileName).matches()) {
                throw new BundleException(child, "folder name is not a valid model name ([a-z0-9][a-z0-9._-]*)");
            }
            names.add(fileName);
        }
        return names;
    }

    /** The versions of a model, ascending. */
    public List<Integer> versions(String name) {
        Path modelDir = modelDir(name);
        if (!Files.isDirectory(modelDir)) {
            throw new ModelNotFoundException(modelDir, "no model named '" + name + "'");
        }
        List<Integer> versions = new ArrayList<>();
        for (Path child : children(modelDir)) {
            String fileName = child.getFileName().toString();
            if (fileName.startsWith(".") || !Files.isDirectory(child)) {
                continue;
            }
            if (!VERSION.matcher(fileName).matches()) {
                throw new BundleException(child, "version folder is not a positive integer");
            }
            versions.add(Integer.parseInt(fileName));
        }
        versions.sort(Comparator.naturalOrder());
        return versions;
    }

    /** The newest version of a model, verified. */
    public ModelBundle load(String name) {
        List<Integer> versions = versions(name);
        if (versions.isEmpty()) {
            throw new ModelNotFoundException(modelDir(name), "model '" + name + "' has no versions");
        }
        return load(name, versions.get(versions.size() - 1));
    }

    /** One version of a model, verified: files present, manifest valid, hashes and graph signatures agree. */
    public ModelBundle load(String name, int version) {
        if (version <= 0) {
            throw new IllegalArgumentException("version must be a positive integer, got " + version);
        }
        Path dir = modelDir(name).resolve(Integer.toString(version));
        if (!Files.isDirectory(dir)) {
            throw new ModelNotFoundException(dir, "model '" + name + "' has no version " + version);
        }
        ModelManifest manifest = ManifestCodec.read(dir.resolve(ModelBundle.MANIFEST_FILE));
        BundleVerifier.verify(dir, manifest, readFile(dir.resolve(ModelBundle.ENCODER_FILE)),
                readFile(dir.resolve(ModelBundle.DECODER_FILE)));
        return new ModelBundle(name, version, dir, manifest);
    }

    /** Every version of every model, verified; the first bad bundle throws. */
    public List<ModelBundle> loadAll() {
        List<ModelBundle> bundles = new ArrayList<>();
        for (String name : modelNames()) {
            for (int version : versions(name)) {
                bundles.add(load(name, version));
            }
        }
        return bundles;
    }

    /**
     * Writes a new version of a model: the next integer after the newest. The files go to a hidden
     * staging folder beside the versions, are verified there, and the folder is renamed into place
     * in one step. Nothing is left behind if any step fails.
     */
    public ModelBundle write(String name, BundleFiles files) {
        Path modelDir = modelDir(name);
        Map<String, String> hashes = new HashMap<>();
        hashes.put(ModelBundle.ENCODER_FILE, Sha256.hex(files.encoder()));
        hashes.put(ModelBundle.DECODER_FILE, Sha256.hex(files.decoder()));
        ModelManifest manifest = files.manifest().withOnnx(
                OnnxInfo.forKind(files.manifest().kind(), files.manifest().onnx().opset(), hashes));
        BundleVerifier.verify(modelDir.resolve("new"), manifest, files.encoder(), files.decoder());

        Path staging = null;
        try {
            Files.createDirectories(modelDir);
            staging = Files.createTempDirectory(modelDir, STAGING_PREFIX);
            Files.write(staging.resolve(ModelBundle.ENCODER_FILE), files.encoder());
            Files.write(staging.resolve(ModelBundle.DECODER_FILE), files.decoder());
            for (Map.Entry<String, byte[]> extra : files.extraFiles().entrySet()) {
                Files.write(staging.resolve(extra.getKey()), extra.getValue());
            }
            Files.writeString(staging.resolve(ModelBundle.MANIFEST_FILE), ManifestCodec.toJson(manifest), StandardCharsets.UTF_8);
            return moveIntoPlace(name, staging, manifest);
        } catch (IOException e) {
            throw new BundleException(modelDir, "cannot write a new version: " + e, e);
        } finally {
            if (staging != null) {
                deleteRecursively(staging);
            }
        }
    }

    private ModelBundle moveIntoPlace(String name, Path staging, ModelManifest manifest) throws IOException {
        // Another writer may take the same number between listing and renaming; then try the next.
        for (int attempt = 0; attempt < 100; attempt++) {
            List<Integer> versions = versions(name);
            int next = versions.isEmpty() ? 1 : versions.get(versions.size() - 1) + 1;
            Path target = modelDir(name).resolve(Integer.toString(next));
            if (Files.exists(target)) {
                continue;
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return new ModelBundle(name, next, target, manifest);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // lost the race for this number
            } catch (AtomicMoveNotSupportedException e) {
                throw new BundleException(target, "the file system cannot rename folders atomically", e);
            }
        }
        throw new BundleException(modelDir(name), "could not claim a version number after 100 attempts");
    }

    private Path modelDir(String name) {
        return root.resolve(checkName(name));
    }

    private void requireRoot() {
        if (!Files.isDirectory(root)) {
            throw new ModelNotFoundException(root, "model repository folder does not exist");
        }
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        } catch (IOException e) {
            throw new BundleException(dir, "cannot list: " + e.getMessage(), e);
        }
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BundleException(file, "missing file");
        } catch (IOException e) {
            throw new BundleException(file, "cannot read: " + e.getMessage(), e);
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
