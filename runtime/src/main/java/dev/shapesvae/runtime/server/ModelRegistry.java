package dev.shapesvae.runtime.server;

import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.repository.BundleException;
import dev.shapesvae.repository.Inventory;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.Skipped;
import dev.shapesvae.runtime.GenerativeModel;
import dev.shapesvae.runtime.NearestShape;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models being served: every version of every model in the repository, opened in ONNX
 * Runtime. {@link #reload()} builds a new set and swaps it in at once; requests hold a
 * {@link Lease} on the set they started with, so in-flight requests finish on the versions they
 * started with. Reload never drops a working model: a version that was being served and no longer
 * loads from disk (corrupted, half-copied) stays served from the copy already open, and the
 * problem is reported. Entries that are not bundles, and broken bundles never served, are skipped
 * with a warning; the server starts and serves the rest.
 */
@Singleton
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final ServerSettings settings;
    private final NearestShape nearestShape;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(Map.of()));

    /** An open model, shared by the snapshots that serve it and closed when the last lets go. */
    private static final class OpenModel {
        private final GenerativeModel model;
        private final AtomicInteger holders = new AtomicInteger(1);

        OpenModel(GenerativeModel model) {
            this.model = model;
        }

        OpenModel retain() {
            holders.incrementAndGet();
            return this;
        }

        void release() {
            if (holders.decrementAndGet() == 0) {
                model.close();
            }
        }

        boolean sameFilesAs(ModelBundle bundle) {
            return model.bundle().directory().equals(bundle.directory())
                    && Objects.equals(model.bundle().manifest().onnx().sha256(), bundle.manifest().onnx().sha256());
        }
    }

    /** Models by name and version, with a count of the requests using them. */
    private static final class Snapshot {
        private final Map<String, NavigableMap<Integer, OpenModel>> models;
        private final AtomicInteger users = new AtomicInteger(1);

        Snapshot(Map<String, NavigableMap<Integer, OpenModel>> models) {
            this.models = models;
        }

        OpenModel find(String name, int version) {
            NavigableMap<Integer, OpenModel> versions = models.get(name);
            return versions == null ? null : versions.get(version);
        }

        boolean acquire() {
            while (true) {
                int n = users.get();
                if (n == 0) {
                    return false;
                }
                if (users.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (users.decrementAndGet() == 0) {
                models.values().forEach(versions -> versions.values().forEach(OpenModel::release));
            }
        }
    }

    /** A request's hold on one set of models. */
    public final class Lease implements AutoCloseable {
        private final Snapshot snapshot;

        private Lease(Snapshot snapshot) {
            this.snapshot = snapshot;
        }

        /** Names of the models, sorted. */
        public List<String> names() {
            return List.copyOf(snapshot.models.keySet());
        }

        /** Whether a model of this name is served. */
        public boolean serves(String name) {
            return snapshot.models.containsKey(name);
        }

        /** Versions of a model, ascending. */
        public List<Integer> versions(String name) {
            return List.copyOf(versionsOf(name).keySet());
        }

        /** A version of a model, or the newest when {@code version} is null. */
        public GenerativeModel model(String name, Integer version) {
            NavigableMap<Integer, OpenModel> versions = versionsOf(name);
            if (version == null) {
                return versions.lastEntry().getValue().model;
            }
            OpenModel open = versions.get(version);
            if (open == null) {
                throw ApiException.notFound("model '" + name + "' has no version " + version + " (versions: " + versions.keySet() + ")");
            }
            return open.model;
        }

        private NavigableMap<Integer, OpenModel> versionsOf(String name) {
            NavigableMap<Integer, OpenModel> versions = snapshot.models.get(name);
            if (versions == null) {
                throw ApiException.notFound("no model named '" + name + "'");
            }
            return versions;
        }

        @Override
        public void close() {
            snapshot.release();
        }
    }

    /** What a reload found: the versions now served, and each problem met (one line each). */
    public record ReloadResult(Map<String, List<Integer>> models, List<String> problems) {
    }

    public ModelRegistry(ServerSettings settings) {
        this.settings = settings;
        this.nearestShape = new NearestShape(ShapesDataset.standard(), NearestShape.DEFAULT_THRESHOLD);
        reload();
    }

    public ServerSettings settings() {
        return settings;
    }

    public NearestShape nearestShape() {
        return nearestShape;
    }

    /** A hold on the current models; close it when the request is done. */
    public Lease lease() {
        while (true) {
            Snapshot snapshot = current.get();
            if (snapshot.acquire()) {
                return new Lease(snapshot);
            }
        }
    }

    /**
     * Reads the repository anew and swaps the result in. Unchanged versions keep their open
     * sessions; new ones are opened; versions gone from disk stop being served; a served version
     * that no longer loads stays served. If the repository cannot be read at all, nothing changes.
     */
    public synchronized ReloadResult reload() {
        Snapshot old = current.get();
        List<String> problems = new ArrayList<>();
        Map<String, NavigableMap<Integer, OpenModel>> models = new TreeMap<>();
        ModelRepository repository = new ModelRepository(settings.models());
        Inventory inventory;
        try {
            inventory = repository.inventory();
        } catch (RuntimeException e) {
            String problem = "cannot read the model repository (" + e.getMessage() + "); still serving what was loaded";
            LOG.warn(problem);
            return new ReloadResult(served(old.models), List.of(problem));
        }
        for (Skipped skipped : inventory.skipped()) {
            problems.add(skipped.toString());
        }
        inventory.models().forEach((name, versions) -> {
            for (int version : versions) {
                OpenModel open = open(repository, name, version, old.find(name, version), problems);
                if (open != null) {
                    models.computeIfAbsent(name, n -> new TreeMap<>()).put(version, open);
                }
            }
        });
        problems.forEach(p -> LOG.warn("skipping {}", p));
        Snapshot fresh = new Snapshot(Collections.unmodifiableMap(models));
        current.set(fresh);
        old.release();
        Map<String, List<Integer>> loaded = served(models);
        LOG.info("serving {} from {}", loaded, settings.models());
        return new ReloadResult(loaded, List.copyOf(problems));
    }

    /** The model to serve for one version on disk, or null (with the problem added) if there is none. */
    private OpenModel open(ModelRepository repository, String name, int version, OpenModel previous, List<String> problems) {
        try {
            ModelBundle bundle = repository.load(name, version);
            if (previous != null && previous.sameFilesAs(bundle)) {
                return previous.retain();
            }
            return new OpenModel(GenerativeModel.load(bundle, settings.inference()));
        } catch (BundleException | IllegalStateException e) {
            if (previous != null) {
                problems.add(e.getMessage() + " (still serving " + name + " version " + version + " as loaded before)");
                return previous.retain();
            }
            problems.add(e.getMessage());
            return null;
        }
    }

    private static Map<String, List<Integer>> served(Map<String, NavigableMap<Integer, OpenModel>> models) {
        Map<String, List<Integer>> served = new TreeMap<>();
        models.forEach((name, versions) -> served.put(name, List.copyOf(versions.keySet())));
        return served;
    }

    @PreDestroy
    @Override
    public void close() {
        current.getAndSet(new Snapshot(Map.of())).release();
        nearestShape.close();
    }
}
