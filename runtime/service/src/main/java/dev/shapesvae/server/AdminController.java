package dev.shapesvae.server;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code POST /api/admin/reload}: picks up new versions without a restart; needs the admin token. */
@Controller("/api/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@ErrorResponses
@Tag(name = "admin")
public final class AdminController {
    private final ModelRegistry registry;
    private final AdminAccess access;

    AdminController(ModelRegistry registry, AdminAccess access) {
        this.registry = registry;
        this.access = access;
    }

    @Operation(summary = "Reload the model repository; in-flight requests finish on the versions they started with, "
            + "and a served version that no longer loads stays served. Needs 'Authorization: Bearer <admin token>'.")
    @AdminOnly
    @Post("/reload")
    Payloads.Reloaded reload(HttpRequest<?> request) {
        access.check(request);
        ModelRegistry.ReloadResult result = registry.reload();
        return new Payloads.Reloaded(result.models(), result.problems());
    }
}
