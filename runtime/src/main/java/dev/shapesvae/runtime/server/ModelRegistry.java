package dev.shapesvae.runtime.server;

import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.repository.BundleException;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.runtime.GenerativeModel;
import dev.shapesvae.runtime.NearestShape;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models being served: every version of every model in the repository, opened in ONNX
 * Runtime. {@link #reload()} opens a new set and swaps it in at once; requests hold a
 * {@link Lease} on the set they started with, so in-flight requests finish on the old versions,
 * which are closed when the last of them is done.
 */
@Singleton
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final ServerSettings settings;
    private final NearestShape nearestShape;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();

    /** Models by name and version, with a count of the requests using them. */
    static final class Snapshot {
        private final Map<String, NavigableMap<Integer, GenerativeModel>> models;
        private final List<String> problems;
        private final AtomicInteger users = new AtomicInteger(1);

        Snapshot(Map<String, NavigableMap<Integer, GenerativeModel>> models, List<String> problems) {
            this.models = models;
            this.problems = problems;
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
                models.values().forEach(versions -> versions.values().forEach(GenerativeModel::close));
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

        /** Versions of a model, ascending. */
        public List<Integer> versions(String name) {
            return List.copyOf(versionsOf(name).keySet());
        }

        /** A version of a model, or the newest when {@code version} is null. */
        public GenerativeModel model(String name, Integer version) {
            NavigableMap<Integer, GenerativeModel> versions = versionsOf(name);
            if (version == null) {
                return versions.lastEntry().getValue();
            }
            GenerativeModel model = versions.get(version);
            if (model == null) {
                throw ApiException.notFound("model '" + name + "' has no version " + version + " (versions: " + versions.keySet() + ")");
            }
            return model;
        }

        private NavigableMap<Integer, GenerativeModel> versionsOf(String name) {
            NavigableMap<Integer, GenerativeModel> versions = snapshot.models.get(name);
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

    /** What a reload found. */
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

    /** Opens the repository anew and swaps it in; broken bundles are skipped and reported. */
    public synchronized ReloadResult reload() {
        ModelRepository repository = new ModelRepository(settings.models());
        Map<String, NavigableMap<Integer, GenerativeModel>> models = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : repository.modelNames()) {
            for (int version : repository.versions(name)) {
                try {
                    ModelBundle bundle = repository.load(name, version);
                    models.computeIfAbsent(name, n -> new TreeMap<>()).put(version, GenerativeModel.load(bundle, settings.inference()));
                } catch (BundleException e) {
                    problems.add(e.getMessage());
                    LOG.warn("skipping {} version {}: {}", name, version, e.getMessage());
                }
            }
        }
        Snapshot fresh = new Snapshot(Collections.unmodifiableMap(models), List.copyOf(problems));
        Snapshot old = current.getAndSet(fresh);
        if (old != null) {
            old.release();
        }
        Map<String, List<Integer>> loaded = new TreeMap<>();
        models.forEach((name, versions) -> loaded.put(name, List.copyOf(versions.keySet())));
        LOG.info("serving {} from {}", loaded, settings.models());
        return new ReloadResult(loaded, fresh.problems);
    }

    @PreDestroy
    @Override
    public void close() {
        Snapshot old = current.getAndSet(new Snapshot(Map.of(), List.of()));
        if (old != null) {
            old.release();
        }
        nearestShape.close();
    }
}
