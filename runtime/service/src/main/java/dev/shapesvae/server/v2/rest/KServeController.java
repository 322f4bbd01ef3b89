package dev.shapesvae.server.v2.rest;

import dev.shapesvae.server.ErrorResponses;
import dev.shapesvae.server.RequestMetrics;
import dev.shapesvae.server.ShapesServer;
import dev.shapesvae.server.v2.InferenceService;
import dev.shapesvae.server.v2.ModelMetadata;
import dev.shapesvae.server.v2.ServerMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/**
 * The Open Inference Protocol (KServe v2) over REST for both graphs of every model, served as
 * {@code <name>-encoder} and {@code <name>-decoder}: server and model metadata, health, and
 * inference with tensors as JSON or as binary data (the binary tensor data extension), both ways.
 * Inference runs on the worker pool; health and metadata answer at once, so probes never wait
 * behind inference.
 */
@Controller("/v2")
@ErrorResponses
@Tag(name = "v2")
public final class KServeController {
    private final InferenceService service;
    private final RequestMetrics metrics;
    private final JsonMapper json;

    KServeController(InferenceService service, RequestMetrics metrics, JsonMapper json) {
        this.service = service;
        this.metrics = metrics;
        this.json = json;
    }

    @Operation(summary = "v2 server metadata: name, version and the protocol extensions implemented")
    @Get
    ServerMetadata server() {
        return ServerMetadata.current();
    }

    @Operation(summary = "v2 liveness")
    @Get("/health/live")
    Map<String, Boolean> live() {
        return Map.of("live", true);
    }

    @Operation(summary = "v2 readiness: 200 when at least one model is loaded, 503 when none is")
    @Get("/health/ready")
    HttpResponse<Map<String, Boolean>> ready() {
        boolean ready = service.ready();
        return HttpResponse.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("ready", ready));
    }

    @Operation(summary = "v2 model metadata (of the newest version unless one is named)")
    @Get(uris = {"/models/{name}", "/models/{name}/versions/{version}"})
    ModelMetadata metadata(String name, @Nullable @PathVariable String version) {
        return metrics.time("v2-metadata", name, () -> service.metadata(name, version));
    }

    @Operation(summary = "v2 model readiness (of the newest version unless one is named): 200 when served, 404 when not")
    @Get(uris = {"/models/{name}/ready", "/models/{name}/versions/{version}/ready"})
    Map<String, Object> modelReady(String name, @Nullable @PathVariable String version) {
        service.requireReady(name, version);
        return Map.of("name", name, "ready", true);
    }

    @Operation(summary = "v2 inference (on the newest version unless one is named): tensors as JSON, or with the binary tensor data extension")
    @InferResponses
    @Post(uris = {"/models/{name}/infer", "/models/{name}/versions/{version}/infer"})
    @Consumes(MediaType.ALL)
    @ExecuteOn(ShapesServer.INFERENCE_EXECUTOR)
    HttpResponse<?> infer(String name, @Nullable @PathVariable String version, @InferRequestSchema.Body @Nullable @Body byte[] body,
            @Nullable @Header(InferBody.HEADER_LENGTH) String headerLength) {
        return metrics.time("v2-infer", name, () -> {
            InferBody request = InferBody.parse(json, body, headerLength);
            return InferReply.of(service.infer(name, version, request.request()), request.binaryOutputs(), json);
        });
    }
}
