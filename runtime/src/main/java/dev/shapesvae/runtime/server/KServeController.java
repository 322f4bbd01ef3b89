package dev.shapesvae.runtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.runtime.Decoding;
import dev.shapesvae.runtime.Encoding;
import dev.shapesvae.runtime.FloatMatrix;
import dev.shapesvae.runtime.GenerativeModel;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KServe v2 Open Inference Protocol (REST) for both graphs of every model, served as
 * {@code <name>-encoder} and {@code <name>-decoder}: server and model metadata, readiness, and
 * inference on FP32 tensors given flat or nested in row-major order.
 */
@Controller("/v2")
@ExecuteOn(ShapesServer.INFERENCE_EXECUTOR)
public final class KServeController {
    private static final String PLATFORM = "onnx_onnxv1";
    private static final String FP32 = "FP32";

    private final ModelRegistry registry;
    private final RequestMetrics metrics;

    KServeController(ModelRegistry registry, RequestMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    record Tensor(String name, String datatype, List<Long> shape) {
    }

    record OutputTensor(String name, String datatype, List<Long> shape, float[] data) {
    }

    record ModelMetadata(String name, List<String> versions, String platform, List<Tensor> inputs, List<Tensor> outputs) {
    }

    record InferResponse(String model_name, String model_version, @Nullable String id, List<OutputTensor> outputs) {
    }

    /** A served graph: the model and whether it is the encoder or the decoder. */
    private record Graph(String model, boolean encoder) {
        static Graph parse(String name) {
            if (name.endsWith("-encoder")) {
                return new Graph(name.substring(0, name.length() - "-encoder".length()), true);
            }
            if (name.endsWith("-decoder")) {
                return new Graph(name.substring(0, name.length() - "-decoder".length()), false);
            }
            throw ApiException.notFound("unknown model '" + name + "': v2 model names are <name>-encoder and <name>-decoder");
        }

        String inputName() {
            return encoder ? ModelKind.ENCODER_INPUT : ModelKind.DECODER_INPUT;
        }

        List<String> outputNames(ModelKind kind) {
            return encoder ? kind.encoderOutputs() : ModelKind.DECODER_OUTPUTS;
        }

        int inputWidth(GenerativeModel model) {
            return encoder ? Canvas.PIXELS : model.latentDim();
        }

        int outputWidth(GenerativeModel model) {
            return encoder ? model.latentDim() : Canvas.PIXELS;
        }
    }

    @Operation(summary = "v2 server metadata")
    @Get
    Map<String, Object> server() {
        String version = KServeController.class.getPackage().getImplementationVersion();
        return Map.of("name", "shapes-vae", "version", version == null ? "dev" : version, "extensions", List.of());
    }

    @Operation(summary = "v2 liveness")
    @Get("/health/live")
    Map<String, Boolean> live() {
        return Map.of("live", true);
    }

    @Operation(summary = "v2 readiness: 200 when at least one model is loaded, 503 when none is")
    @Get("/health/ready")
    HttpResponse<Map<String, Boolean>> ready() {
        try (ModelRegistry.Lease lease = registry.lease()) {
            boolean ready = !lease.names().isEmpty();
            return HttpResponse.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("ready", ready));
        }
    }

    @Operation(summary = "v2 model metadata")
    @Get("/models/{name}")
    ModelMetadata metadata(String name) {
        return metadata(name, null);
    }

    @Operation(summary = "v2 model metadata of a version")
    @Get("/models/{name}/versions/{version}")
    ModelMetadata metadata(String name, @Nullable String version) {
        return metrics.time("v2-metadata", name, () -> {
            Graph graph = Graph.parse(name);
            try (ModelRegistry.Lease lease = registry.lease()) {
                GenerativeModel model = lease.model(graph.model(), parseVersion(version));
                List<Tensor> outputs = graph.outputNames(model.kind()).stream()
                        .map(o -> new Tensor(o, FP32, List.of(-1L, (long) graph.outputWidth(model)))).toList();
                List<String> versions = lease.versions(graph.model()).stream().map(String::valueOf).toList();
                return new ModelMetadata(name, versions, PLATFORM,
                        List.of(new Tensor(graph.inputName(), FP32, List.of(-1L, (long) graph.inputWidth(model)))), outputs);
            }
        });
    }

    @Operation(summary = "v2 model readiness")
    @Get("/models/{name}/ready")
    Map<String, Object> modelReady(String name) {
        return modelReady(name, null);
    }

    @Operation(summary = "v2 model readiness of a version")
    @Get("/models/{name}/versions/{version}/ready")
    Map<String, Object> modelReady(String name, @Nullable String version) {
        Graph graph = Graph.parse(name);
        try (ModelRegistry.Lease lease = registry.lease()) {
            lease.model(graph.model(), parseVersion(version));
            return Map.of("name", name, "ready", true);
        }
    }

    @Operation(summary = "v2 inference")
    @Post("/models/{name}/infer")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    InferResponse infer(String name, @Nullable @Body String body) {
        return infer(name, null, body);
    }

    @Operation(summary = "v2 inference on a version")
    @Post("/models/{name}/versions/{version}/infer")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    InferResponse infer(String name, @Nullable String version, @Nullable @Body String body) {
        return metrics.time("v2-infer", name, () -> {
            Graph graph = Graph.parse(name);
            JsonNode request = JsonBody.parse(body).root();
            try (ModelRegistry.Lease lease = registry.lease()) {
                GenerativeModel model = lease.model(graph.model(), parseVersion(version));
                FloatMatrix input = input(request, graph, model);
                Map<String, FloatMatrix> all = new LinkedHashMap<>();
                if (graph.encoder()) {
                    Encoding e = model.encode(input);
                    all.put(model.kind().encoderOutputs().get(0), e.z());
                    e.logvar().ifPresent(l -> all.put("logvar", l));
                } else {
                    Decoding d = model.decode(input);
                    all.put("logits", d.logits());
                    all.put("probs", d.probs());
                }
                List<OutputTensor> outputs = new ArrayList<>();
                for (String wanted : requestedOutputs(request, all)) {
                    FloatMatrix m = FiniteOutputs.require(all.get(wanted), wanted);
                    outputs.add(new OutputTensor(wanted, FP32, List.of((long) m.rows(), (long) m.columns()), m.data()));
                }
                JsonNode id = request.get("id");
                return new InferResponse(name, String.valueOf(model.bundle().version()), id == null || id.isNull() ? null : id.asText(), outputs);
            }
        });
    }

    private FloatMatrix input(JsonNode request, Graph graph, GenerativeModel model) {
        JsonNode inputs = request.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.size() != 1) {
            throw ApiException.badRequest("'inputs' must be an array with one tensor named '" + graph.inputName() + "'");
        }
        JsonNode tensor = inputs.get(0);
        String tensorName = tensor.path("name").asText("");
        if (!tensorName.equals(graph.inputName())) {
            throw ApiException.badRequest("inputs[0].name is '" + tensorName + "', expected '" + graph.inputName() + "'");
        }
        String datatype = tensor.path("datatype").asText("");
        if (!datatype.equals(FP32)) {
            throw ApiException.badRequest("inputs[0].datatype is '" + datatype + "'; only FP32 is supported");
        }
        JsonNode shape = tensor.get("shape");
        int width = graph.inputWidth(model);
        if (shape == null || !shape.isArray() || shape.size() != 2 || !isInt(shape.get(0)) || !isInt(shape.get(1))
                || shape.get(0).asLong() < 1 || shape.get(1).asLong() != width) {
            throw ApiException.badRequest("inputs[0].shape must be [N, " + width + "] with N >= 1, got " + shape);
        }
        int rows = shape.get(0).asInt();
        if (rows > registry.settings().maxCount()) {
            throw ApiException.badRequest("inputs[0].shape has " + rows + " rows, more than the limit of " + registry.settings().maxCount());
        }
        List<Float> flat = new ArrayList<>(rows * width);
        flatten(tensor.get("data"), "inputs[0].data", flat);
        if (flat.size() != (long) rows * width) {
            throw ApiException.badRequest("inputs[0].data has " + flat.size() + " values but shape " + shape + " needs " + (long) rows * width);
        }
        float[] data = new float[flat.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = flat.get(i);
        }
        return new FloatMatrix(rows, width, data);
    }

    private static boolean isInt(JsonNode dim) {
        return dim.isIntegralNumber() && dim.canConvertToInt();
    }

    private static void flatten(JsonNode node, String where, List<Float> out) {
        if (node == null) {
            throw ApiException.badRequest(where + " is missing");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), where, out);
            }
        } else {
            out.add(JsonBody.finite(node, where + "[" + out.size() + "]"));
        }
    }

    private static List<String> requestedOutputs(JsonNode request, Map<String, FloatMatrix> available) {
        JsonNode outputs = request.get("outputs");
        if (outputs == null || outputs.isNull()) {
            return List.copyOf(available.keySet());
        }
        if (!outputs.isArray()) {
            throw ApiException.badRequest("'outputs' must be an array of {\"name\": ...}");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode o : outputs) {
            String n = o.path("name").asText("");
            if (!available.containsKey(n)) {
                throw ApiException.badRequest("unknown output '" + n + "' (available: " + available.keySet() + ")");
            }
            names.add(n);
        }
        return names;
    }

    private static Integer parseVersion(String version) {
        if (version == null) {
            return null;
        }
        if (!version.matches("[1-9][0-9]{0,8}")) {
            throw ApiException.badRequest("version must be a positive integer, got '" + version + "'");
        }
        return Integer.parseInt(version);
    }
}
