package dev.shapesvae.server;

import dev.shapesvae.repository.ManifestCodec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;

/**
 * {@code GET /api/models/{name}/manifest}: the {@code model.json} of the version being served,
 * as loaded (a file changed on disk since shows only after a reload).
 */
@ErrorResponses
@Controller("/api/models")
public final class ManifestController {
    private final ModelRegistry registry;
    private final RequestMetrics metrics;

    ManifestController(ModelRegistry registry, RequestMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @Operation(summary = "The manifest (model.json) of a served model version; the newest without ?version")
    @Get("/{name}/manifest")
    HttpResponse<String> manifest(String name, @Nullable @QueryValue Integer version) {
        return metrics.time("manifest", name, () -> {
            try (ModelRegistry.Lease lease = registry.lease()) {
                String json = ManifestCodec.toJson(lease.model(name, version).bundle().manifest());
                return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE);
            }
        });
    }
}
