package dev.shapesvae.runtime.server;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;

/** {@code POST /api/admin/reload}: picks up new versions without a restart. */
@Controller("/api/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class AdminController {
    private final ModelRegistry registry;

    AdminController(ModelRegistry registry) {
        this.registry = registry;
    }

    @Operation(summary = "Reload the model repository; in-flight requests finish on the versions they started with")
    @Post("/reload")
    Payloads.Reloaded reload() {
        ModelRegistry.ReloadResult result = registry.reload();
        return new Payloads.Reloaded(result.models(), result.problems());
    }
}
