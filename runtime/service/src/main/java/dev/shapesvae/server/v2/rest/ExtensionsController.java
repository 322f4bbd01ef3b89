package dev.shapesvae.server.v2.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shapesvae.server.AdminAccess;
import dev.shapesvae.server.AdminOnly;
import dev.shapesvae.server.ApiException;
import dev.shapesvae.server.ErrorResponses;
import dev.shapesvae.server.RequestMetrics;
import dev.shapesvae.server.v2.InferenceService;
import dev.shapesvae.server.v2.ModelConfigs;
import dev.shapesvae.server.v2.RepositoryExtension;
import dev.shapesvae.server.v2.proto.GrpcService.ModelStatisticsResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Iterator;
import java.util.Map;

/**
 * Triton's protocol extensions over REST, answered as Triton answers them: model configuration
 * ({@code /config}, Triton's ModelConfig as JSON), statistics ({@code /stats}) and the model
 * repository (index, and load and unload behind the admin token). They run beside inference, not
 * behind it in the worker pool's queue.
 */
@Controller("/v2")
@ExecuteOn(TaskExecutors.BLOCKING)
@ErrorResponses
@Tag(name = "v2 extensions")
public final class ExtensionsController {
    private static final String ALL = "-";

    private final InferenceService inference;
    private final ModelConfigs configs;
    private final RepositoryExtension repository;
    private final AdminAccess admin;
    private final RequestMetrics metrics;
    private final JsonMapper json;

    ExtensionsController(InferenceService inference, ModelConfigs configs, RepositoryExtension repository, AdminAccess admin,
            RequestMetrics metrics, JsonMapper json) {
        this.inference = inference;
        this.configs = configs;
        this.repository = repository;
        this.admin = admin;
        this.metrics = metrics;
        this.json = json;
    }

    @Operation(summary = "Model configuration: Triton's ModelConfig of a graph (of its newest version unless one is named), as JSON")
    @Get(uris = {"/models/{name}/config", "/models/{name}/versions/{version}/config"})
    JsonNode config(String name, @Nullable @PathVariable String version) {
        return metrics.time("v2-config", name, () -> ProtoJson.of(configs.config(name, version)));
    }

    @Operation(summary = "Statistics of every served graph and version, in Triton's form")
    @Get("/models/stats")
    JsonNode statistics() {
        return metrics.time("v2-stats", ALL, () -> stats("", null));
    }

    @Operation(summary = "Statistics of every served version of a graph, or of the one named, in Triton's form")
    @Get(uris = {"/models/{name}/stats", "/models/{name}/versions/{version}/stats"})
    JsonNode statistics(String name, @Nullable @PathVariable String version) {
        return metrics.time("v2-stats", name, () -> stats(name, version));
    }

    private JsonNode stats(String name, @Nullable String version) {
        return ProtoJson.of(ModelStatisticsResponse.newBuilder().addAllModelStats(inference.statistics(name, version)));
    }

    @Operation(summary = "Repository index: every graph version the repository holds, READY or UNAVAILABLE with the reason;"
            + " {\"ready\": true} lists only the served ones")
    @Post("/repository/index")
    @Consumes(MediaType.ALL)
    JsonNode index(@Nullable @Body String body) {
        return metrics.time("v2-index", ALL, () -> ProtoJson.array(repository.index(JsonBody.parse(json, body).booleanField("ready", false))));
    }

    @Operation(summary = "Load (or reload) a graph's model from the repository, both its graphs; needs 'Authorization: Bearer <admin token>'")
    @AdminOnly
    @Post("/repository/models/{name}/load")
    @Consumes(MediaType.ALL)
    Map<String, Object> load(String name, @Nullable @Body String body, HttpRequest<?> request) {
        return asAdmin("v2-load", name, request, () -> {
            refuseOverrides(JsonBody.parse(json, body).root().path("parameters"));
            repository.load(name);
        });
    }

    @Operation(summary = "Unload a graph's model, both its graphs, until it is loaded again; needs 'Authorization: Bearer <admin token>'")
    @AdminOnly
    @Post("/repository/models/{name}/unload")
    @Consumes(MediaType.ALL)
    Map<String, Object> unload(String name, @Nullable @Body String body, HttpRequest<?> request) {
        // unload_dependents, the one parameter tritonclient sends, changes nothing: no model depends on another.
        return asAdmin("v2-unload", name, request, () -> {
            JsonBody.parse(json, body);
            repository.unload(name);
        });
    }

    /** Runs a repository change for a request that carries the admin token, and answers {@code {}} as Triton does. */
    private Map<String, Object> asAdmin(String endpoint, String name, HttpRequest<?> request, Runnable change) {
        return metrics.time(endpoint, name, () -> {
            admin.check(request);
            change.run();
            return Map.of();
        });
    }

    /** Triton can load a model from a config or files sent with the request; this server serves only its repository. */
    private static void refuseOverrides(JsonNode parameters) {
        for (Iterator<String> it = parameters.fieldNames(); it.hasNext();) {
            String parameter = it.next();
            if (parameter.equals("config") || parameter.startsWith("file:")) {
                throw ApiException.badRequest("parameters." + parameter + ": this server loads models only as the repository holds them");
            }
        }
    }
}
