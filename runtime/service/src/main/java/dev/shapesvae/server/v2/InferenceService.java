package dev.shapesvae.server.v2;

import dev.shapesvae.inference.Decoding;
import dev.shapesvae.inference.Encoding;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.server.ApiException;
import dev.shapesvae.server.FiniteInputs;
import dev.shapesvae.server.FiniteOutputs;
import dev.shapesvae.server.ModelRegistry;
import dev.shapesvae.server.WorkerPool;
import dev.shapesvae.server.v2.proto.GrpcService.ModelStatistics;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open Inference Protocol without its transports: what REST (JSON and binary) and gRPC both
 * answer. It resolves a graph and version, checks the input tensor against the graph, runs it,
 * picks the outputs asked for, and keeps the statistics. The transports only translate their
 * encodings into {@link InferRequest} and {@link InferResult}, and run these calls on the
 * {@link WorkerPool}.
 */
@Singleton
public final class InferenceService {
    /** The platform the metadata names: ONNX graphs, as KServe calls them. */
    public static final String PLATFORM = "onnx_onnxv1";
    private static final String FP32 = "FP32";

    private final ModelRegistry registry;
    private final InferenceStatistics statistics;

    InferenceService(ModelRegistry registry, InferenceStatistics statistics) {
        this.registry = registry;
        this.statistics = statistics;
    }

    /** Whether at least one model is served. */
    public boolean ready() {
        try (ModelRegistry.Lease lease = registry.lease()) {
            return !lease.names().isEmpty();
        }
    }

    /**
     * Requires a graph (a version of it, or its newest when {@code version} is null) to be served:
     * {@link dev.shapesvae.server.ModelNotServedException} when it is not, 400 for a bad version.
     */
    public void requireReady(String name, @Nullable String version) {
        GraphName graph = GraphName.parse(name);
        try (ModelRegistry.Lease lease = registry.lease()) {
            lease.model(graph.model(), version(version));
        }
    }

    /** A graph's name, versions, platform and tensors. */
    public ModelMetadata metadata(String name, @Nullable String version) {
        GraphName graph = GraphName.parse(name);
        try (ModelRegistry.Lease lease = registry.lease()) {
            GenerativeModel model = lease.model(graph.model(), version(version));
            List<ModelMetadata.Tensor> outputs = graph.outputNames(model.kind()).stream()
                    .map(o -> new ModelMetadata.Tensor(o, FP32, List.of(-1L, (long) graph.outputWidth(model)))).toList();
            List<String> versions = lease.versions(graph.model()).stream().map(String::valueOf).toList();
            return new ModelMetadata(name, versions, PLATFORM,
                    List.of(new ModelMetadata.Tensor(graph.inputName(), FP32, List.of(-1L, (long) graph.inputWidth(model)))), outputs);
        }
    }

    /**
     * Runs one request on a graph (a version of it, or its newest when {@code version} is null).
     * Refusals name the field: a {@link dev.shapesvae.server.ModelNotServedException} for an unknown
     * graph or version, an {@link ApiException} (400) for an input that does not fit the graph or an
     * output that cannot be finite.
     */
    public InferResult infer(String name, @Nullable String version, InferRequest request) {
        long started = System.nanoTime();
        long queued = WorkerPool.queuedNanos();
        GraphName graph = GraphName.parse(name);
        Integer wanted = version(version);
        try (ModelRegistry.Lease lease = registry.lease()) {
            GenerativeModel model = lease.model(graph.model(), wanted);
            InferenceStatistics.Counters counters = statistics.of(graph, model.bundle().version());
            try {
                List<String> outputNames = requestedOutputs(request.outputs(), graph.outputNames(model.kind()));
                FloatMatrix input = input(request.inputs(), graph, model);
                long inputDone = System.nanoTime();
                Map<String, FloatMatrix> all = run(graph, model, input);
                long inferDone = System.nanoTime();
                List<InferResult.Output> outputs = new ArrayList<>();
                for (String output : outputNames) {
                    FloatMatrix m = FiniteOutputs.require(all.get(output), output);
                    outputs.add(new InferResult.Output(output, FP32, List.of((long) m.rows(), (long) m.columns()), m.data()));
                }
                long outputDone = System.nanoTime();
                counters.success(queued, inputDone - started, inferDone - inputDone, outputDone - inferDone, input.rows());
                return new InferResult(name, String.valueOf(model.bundle().version()), request.id(), outputs);
            } catch (RuntimeException e) {
                counters.failure(queued + System.nanoTime() - started);
                throw e;
            }
        }
    }

    private static Map<String, FloatMatrix> run(GraphName graph, GenerativeModel model, FloatMatrix input) {
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
        return all;
    }

    private FloatMatrix input(List<InferInput> inputs, GraphName graph, GenerativeModel model) {
        if (inputs.size() != 1) {
            throw ApiException.badRequest("'inputs' must hold one tensor, named '" + graph.inputName() + "'; got " + inputs.size());
        }
        InferInput tensor = inputs.get(0);
        if (!tensor.name().equals(graph.inputName())) {
            throw ApiException.badRequest("inputs[0].name is '" + tensor.name() + "', expected '" + graph.inputName() + "'");
        }
        Datatype datatype = Datatype.accepted(tensor.datatype(), "inputs[0].datatype");
        int width = graph.inputWidth(model);
        List<Long> shape = tensor.shape();
        if (shape == null || shape.size() != 2 || shape.get(0) < 1 || shape.get(1) != width) {
            throw ApiException.badRequest("inputs[0].shape must be [N, " + width + "] with N >= 1, got " + tensor.shapeAsSent());
        }
        long rows = shape.get(0);
        if (rows > registry.settings().maxCount()) {
            throw ApiException.badRequest("inputs[0].shape has " + rows + " rows, more than the limit of " + registry.settings().maxCount());
        }
        float[] values = tensor.values().floats(datatype);
        if (values.length != rows * width) {
            throw ApiException.badRequest(tensor.values().where() + " has " + values.length + " values but shape " + tensor.shapeAsSent()
                    + " needs " + rows * width);
        }
        for (int i = 0; i < values.length; i++) {
            FiniteInputs.require(values[i], tensor.values().where() + "[" + i + "]");
        }
        return new FloatMatrix((int) rows, width, values);
    }

    private static List<String> requestedOutputs(List<String> requested, List<String> available) {
        if (requested.isEmpty()) {
            return available;
        }
        for (String name : requested) {
            if (!available.contains(name)) {
                throw ApiException.badRequest("unknown output '" + name + "' (available: " + available + ")");
            }
        }
        return requested;
    }

    /** Triton's statistics of the graphs asked for: every served graph and version when {@code name} is empty. */
    public List<ModelStatistics> statistics(String name, @Nullable String version) {
        List<ModelStatistics> all = new ArrayList<>();
        try (ModelRegistry.Lease lease = registry.lease()) {
            if (name.isEmpty()) {
                for (String model : lease.names()) {
                    for (GraphName graph : GraphName.of(model)) {
                        lease.versions(model).forEach(v -> all.add(statistics.statistics(graph, v)));
                    }
                }
                return all;
            }
            GraphName graph = GraphName.parse(name);
            Integer wanted = version(version);
            if (wanted != null) {
                return List.of(statistics.statistics(graph, lease.model(graph.model(), wanted).bundle().version()));
            }
            lease.versions(graph.model()).forEach(v -> all.add(statistics.statistics(graph, v)));
            return all;
        }
    }

    /** A version named in a request, or null for "the newest" when none (or an empty one) is named. */
    public static Integer version(@Nullable String version) {
        if (version == null || version.isEmpty()) {
            return null;
        }
        if (!version.matches("[1-9][0-9]{0,8}")) {
            throw ApiException.badRequest("version must be a positive integer, got '" + version + "'");
        }
        return Integer.parseInt(version);
    }
}
