package dev.shapesvae.server;

import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.NearestShape;
import dev.shapesvae.repository.BundleException;
import dev.shapesvae.repository.Inventory;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.Skipped;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models being served: every version of every model in the repository, opened in ONNX
 * Runtime. {@link #reload()} builds a new set and swaps it in at once; requests hold a
 * {@link Lease} on the set they started with, so in-flight requests finish on the versions they
 * started with. Reload never drops a working model: a version that was being served and no longer
 * loads from disk (corrupted, half-copied) stays served from the copy already open, and the
 * problem is reported. Entries that are not bundles, and broken bundles never served, are skipped
 * with a warning; the server starts and serves the rest. A model can be unloaded and loaded again
 * on its own ({@link #unload(String)}, {@link #load(String)}), and {@link #index()} says what the
 * repository holds and what of it is served.
 */
@Singleton
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final ServerSettings settings;
    private final NearestShape nearestShape;
    /** Models unloaded on request: left out of every reload until loaded again. */
    private final Set<String> unloaded = ConcurrentHashMap.newKeySet();
    /** Set by {@link #close()}, under this object's lock, as reloads are. */
    private boolean closed;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(Map.of(), Map.of()));

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
            // The manifest too: an edited model.json with the same graphs must show after a reload.
            return model.bundle().directory().equals(bundle.directory()) && model.bundle().manifest().equals(bundle.manifest())
                    && Objects.equals(model.bundle().manifest().onnx().sha256(), bundle.manifest().onnx().sha256());
        }
    }

    /**
     * Models by name and version, with a count of the requests using them, and the versions in the
     * repository that could not be opened, with the reason.
     */
    private static final class Snapshot {
        private final Map<String, NavigableMap<Integer, OpenModel>> models;
        private final Map<String, NavigableMap<Integer, String>> unavailable;
        private final AtomicInteger users = new AtomicInteger(1);

        Snapshot(Map<String, NavigableMap<Integer, OpenModel>> models, Map<String, NavigableMap<Integer, String>> unavailable) {
            this.models = models;
            this.unavailable = unavailable;
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

        private final AtomicBoolean released = new AtomicBoolean();

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

        /**
         * Versions of a model, ascending.
         *
         * @throws ModelNotServedException when no model of that name is served
         */
        public List<Integer> versions(String name) {
            return List.copyOf(versionsOf(name).keySet());
        }

        /**
         * A version of a model, or the newest when {@code version} is null.
         *
         * @throws ModelNotServedException when no such model or version is served
         */
        public GenerativeModel model(String name, Integer version) {
            NavigableMap<Integer, OpenModel> versions = versionsOf(name);
            if (version == null) {
                return versions.lastEntry().getValue().model;
            }
            OpenModel open = versions.get(version);
            if (open == null) {
                throw new ModelNotServedException("model '" + name + "' has no version " + version + " (versions: " + versions.keySet() + ")");
            }
            return open.model;
        }

        private NavigableMap<Integer, OpenModel> versionsOf(String name) {
            NavigableMap<Integer, OpenModel> versions = snapshot.models.get(name);
            if (versions == null && unloaded.contains(name)) {
                throw new ModelNotServedException("model '" + name + "' is unloaded; it is served again once loaded");
            }
            if (versions == null) {
                throw new ModelNotServedException("no model named '" + name + "'");
            }
            return versions;
        }

        @Override
        public void close() {
            // A second close must not give back a hold that another request has.
            if (released.compareAndSet(false, true)) {
                snapshot.release();
            }
        }
    }

    /** What a reload found: the versions now served, and each problem met (one line each). */
    public record ReloadResult(Map<String, List<Integer>> models, List<String> problems) {
    }

    /**
     * One entry of the repository index: a version of a model that is served ({@code ready}), or
     * one that is not, with the reason. A model unloaded on request has one entry with no version.
     */
    public record IndexEntry(String name, Optional<Integer> version, boolean ready, String reason) {
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
     * Models unloaded on request stay unloaded until {@link #load(String)}.
     */
    public synchronized ReloadResult reload() {
        requireOpen();
        return rebuild(name -> true);
    }

    /**
     * Reads one model's versions anew, as {@link #reload()} does for all, and serves them; every
     * other model keeps what it serves. Undoes an {@link #unload(String)}.
     */
    public synchronized ReloadResult load(String name) {
        requireOpen();
        unloaded.remove(name);
        return rebuild(name::equals);
    }

    /**
     * Stops serving every version of a model until {@link #load(String)}; requests in flight
     * finish on it. Unloading a model that is already unloaded changes nothing.
     *
     * @throws ModelNotServedException when there is no such model
     */
    public synchronized void unload(String name) {
        requireOpen();
        Snapshot old = current.get();
        if (unloaded.contains(name)) {
            return;
        }
        if (!old.models.containsKey(name) && !old.unavailable.containsKey(name)) {
            throw new ModelNotServedException("no model named '" + name + "'");
        }
        unloaded.add(name);
        Map<String, NavigableMap<Integer, OpenModel>> models = new TreeMap<>();
        Map<String, NavigableMap<Integer, String>> unavailable = new TreeMap<>();
        keep(old, other -> !other.equals(name), models, unavailable);
        swap(old, new Snapshot(Collections.unmodifiableMap(models), Collections.unmodifiableMap(unavailable)));
        LOG.info("unloaded {} on request; serving {}", name, served(models));
    }

    /** Every model the repository holds or that is served, version by version, with its state; sorted by name and version. */
    public List<IndexEntry> index() {
        Snapshot snapshot = current.get();
        SortedSet<String> names = new TreeSet<>(snapshot.models.keySet());
        names.addAll(snapshot.unavailable.keySet());
        names.addAll(unloaded);
        List<IndexEntry> entries = new ArrayList<>();
        for (String name : names) {
            if (unloaded.contains(name)) {
                entries.add(new IndexEntry(name, Optional.empty(), false, "unloaded"));
                continue;
            }
            NavigableMap<Integer, IndexEntry> versions = new TreeMap<>();
            snapshot.models.getOrDefault(name, Collections.emptyNavigableMap()).keySet()
                    .forEach(v -> versions.put(v, new IndexEntry(name, Optional.of(v), true, "")));
            snapshot.unavailable.getOrDefault(name, Collections.emptyNavigableMap())
                    .forEach((v, reason) -> versions.put(v, new IndexEntry(name, Optional.of(v), false, reason)));
            entries.addAll(versions.values());
        }
        return entries;
    }

    /** Builds the next set: models that {@code fromDisk} accepts are read from the repository, the others keep what they had. */
    private ReloadResult rebuild(Predicate<String> fromDisk) {
        Snapshot old = current.get();
        List<String> problems = new ArrayList<>();
        Map<String, NavigableMap<Integer, OpenModel>> models = new TreeMap<>();
        Map<String, NavigableMap<Integer, String>> unavailable = new TreeMap<>();
        ModelRepository repository = new ModelRepository(settings.models());
        Inventory inventory;
        try {
            inventory = repository.inventory();
        } catch (RuntimeException e) {
            String problem = "cannot read the model repository (" + e.getMessage() + "); "
                    + (old.models.isEmpty() ? "serving nothing" : "still serving what was loaded");
            LOG.warn(problem);
            return new ReloadResult(served(old.models), List.of(problem));
        }
        for (Skipped skipped : inventory.skipped()) {
            problems.add(skipped.toString());
        }
        keep(old, fromDisk.negate(), models, unavailable);
        inventory.models().forEach((name, versions) -> {
            if (!fromDisk.test(name) || unloaded.contains(name)) {
                return;
            }
            for (int version : versions) {
                try {
                    OpenModel open = open(repository, name, version, old.find(name, version), problems);
                    models.computeIfAbsent(name, n -> new TreeMap<>()).put(version, open);
                } catch (RuntimeException e) {
                    problems.add(e.getMessage());
                    unavailable.computeIfAbsent(name, n -> new TreeMap<>()).put(version, e.getMessage());
                }
            }
        });
        problems.forEach(p -> LOG.warn("reload: {}", p));
        swap(old, new Snapshot(Collections.unmodifiableMap(models), Collections.unmodifiableMap(unavailable)));
        Map<String, List<Integer>> loaded = served(models);
        LOG.info("serving {} from {}{}", loaded, settings.models(), unloaded.isEmpty() ? "" : "; unloaded on request: " + new TreeSet<>(unloaded));
        return new ReloadResult(loaded, List.copyOf(problems));
    }

    /** Copies into the maps the models of {@code old} that {@code which} accepts and that are not unloaded, holding each open model once more. */
    private void keep(Snapshot old, Predicate<String> which, Map<String, NavigableMap<Integer, OpenModel>> models,
            Map<String, NavigableMap<Integer, String>> unavailable) {
        old.models.forEach((name, versions) -> {
            if (which.test(name) && !unloaded.contains(name)) {
                NavigableMap<Integer, OpenModel> kept = new TreeMap<>();
                versions.forEach((version, open) -> kept.put(version, open.retain()));
                models.put(name, kept);
            }
        });
        old.unavailable.forEach((name, versions) -> {
            if (which.test(name) && !unloaded.contains(name)) {
                unavailable.put(name, new TreeMap<>(versions));
            }
        });
    }

    private void swap(Snapshot old, Snapshot fresh) {
        current.set(fresh);
        old.release();
    }

    /**
     * The model to serve for one version on disk: the one already open when its files are the
     * same, a fresh one otherwise, or, when the files no longer load, the one already open (with
     * the problem added).
     *
     * @throws BundleException or IllegalStateException when the version does not load and was never served
     */
    private OpenModel open(ModelRepository repository, String name, int version, OpenModel previous, List<String> problems) {
        try {
            ModelBundle bundle = repository.load(name, version);
            if (previous != null && previous.sameFilesAs(bundle)) {
                return previous.retain();
            }
            return new OpenModel(GenerativeModel.load(bundle, settings.inference()));
        } catch (RuntimeException e) {
            if (previous == null) {
                throw e;
            }
            problems.add(e.getMessage() + " (still serving " + name + " version " + version + " as loaded before)");
            return previous.retain();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "the server is stopping");
        }
    }

    private static Map<String, List<Integer>> served(Map<String, NavigableMap<Integer, OpenModel>> models) {
        Map<String, List<Integer>> served = new TreeMap<>();
        models.forEach((name, versions) -> served.put(name, List.copyOf(versions.keySet())));
        return served;
    }

    /** Stops serving; a reload, load or unload after this changes nothing. */
    @PreDestroy
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        current.getAndSet(new Snapshot(Map.of(), Map.of())).release();
        nearestShape.close();
    }
}
