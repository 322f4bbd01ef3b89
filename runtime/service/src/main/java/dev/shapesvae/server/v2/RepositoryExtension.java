package dev.shapesvae.server.v2;

import dev.shapesvae.server.ApiException;
import dev.shapesvae.server.ModelRegistry;
import dev.shapesvae.server.v2.proto.GrpcService.RepositoryIndexResponse.ModelIndex;
import jakarta.inject.Singleton;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The model repository extension: the index of what the repository holds, and loading or
 * unloading one model. Both graphs of a model share its files, so they load and unload together:
 * unloading {@code vae-decoder} unloads {@code vae-encoder} too.
 */
@Singleton
public final class RepositoryExtension {
    /** Triton's model states. */
    static final String READY = "READY";
    static final String UNAVAILABLE = "UNAVAILABLE";

    private final ModelRegistry registry;

    RepositoryExtension(ModelRegistry registry) {
        this.registry = registry;
    }

    /** Every graph version of the repository with its state, by name and version; only the served ones when {@code readyOnly}. */
    public List<ModelIndex> index(boolean readyOnly) {
        List<ModelIndex> index = new ArrayList<>();
        for (ModelRegistry.IndexEntry entry : registry.index()) {
            if (readyOnly && !entry.ready()) {
                continue;
            }
            for (GraphName graph : GraphName.of(entry.name())) {
                index.add(ModelIndex.newBuilder().setName(graph.v2Name()).setVersion(entry.version().map(String::valueOf).orElse(""))
                        .setState(entry.ready() ? READY : UNAVAILABLE).setReason(entry.reason()).build());
            }
        }
        index.sort(Comparator.comparing(ModelIndex::getName).thenComparing(i -> i.getVersion().isEmpty() ? 0 : Integer.parseInt(i.getVersion())));
        return index;
    }

    /** Reads a graph's model anew from the repository and serves it; 400 with the reason when no version of it loads. */
    public void load(String name) {
        String model = GraphName.parse(name).model();
        ModelRegistry.ReloadResult result = registry.load(model);
        if (!result.models().containsKey(model)) {
            Path folder = registry.settings().models().resolve(model);
            List<String> reasons = result.problems().stream().filter(p -> p.startsWith(folder + File.separator)).toList();
            throw ApiException.badRequest("failed to load '" + name + "': "
                    + (reasons.isEmpty() ? "the repository has no model '" + model + "' with a version" : String.join("; ", reasons)));
        }
    }

    /** Stops serving a graph's model, both its graphs, until it is loaded again; 404 when there is no such model. */
    public void unload(String name) {
        registry.unload(GraphName.parse(name).model());
    }
}
