package dev.shapesvae.server.v2;

import dev.shapesvae.inference.ExecutionProvider;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.server.ModelRegistry;
import dev.shapesvae.server.ServerSettings;
import dev.shapesvae.server.v2.proto.ModelConfigProto.DataType;
import dev.shapesvae.server.v2.proto.ModelConfigProto.ModelConfig;
import dev.shapesvae.server.v2.proto.ModelConfigProto.ModelInput;
import dev.shapesvae.server.v2.proto.ModelConfigProto.ModelInstanceGroup;
import dev.shapesvae.server.v2.proto.ModelConfigProto.ModelOutput;
import dev.shapesvae.server.v2.proto.ModelConfigProto.ModelParameter;
import dev.shapesvae.server.v2.proto.ModelConfigProto.ModelVersionPolicy;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The model configuration extension: a served graph described as Triton's ModelConfig, the way
 * this server runs it. Batching is the first dimension ({@code max_batch_size} is
 * {@code --max-count}, so dims leave the batch out); every version is served; one instance group
 * of {@code --workers} instances on the device the graph runs on; no dynamic batching (each
 * request runs as it comes).
 */
@Singleton
public final class ModelConfigs {
    /** Triton's names for an ONNX graph run by ONNX Runtime. */
    static final String PLATFORM = "onnxruntime_onnx";
    static final String BACKEND = "onnxruntime";

    private final ModelRegistry registry;

    ModelConfigs(ModelRegistry registry) {
        this.registry = registry;
    }

    /** The configuration of a graph (of a version of it, or of its newest when {@code version} is null); 404 when not served. */
    public ModelConfig config(String name, @Nullable String version) {
        GraphName graph = GraphName.parse(name);
        try (ModelRegistry.Lease lease = registry.lease()) {
            return describe(graph, lease.model(graph.model(), InferenceService.version(version)), registry.settings());
        }
    }

    static ModelConfig describe(GraphName graph, GenerativeModel model, ServerSettings settings) {
        boolean gpu = model.provider() == ExecutionProvider.CUDA;
        ModelInstanceGroup.Builder instances = ModelInstanceGroup.newBuilder().setName(graph.v2Name())
                .setKind(gpu ? ModelInstanceGroup.Kind.KIND_GPU : ModelInstanceGroup.Kind.KIND_CPU).setCount(settings.workers());
        if (gpu) {
            instances.addGpus(0);
        }
        ModelConfig.Builder config = ModelConfig.newBuilder().setName(graph.v2Name()).setPlatform(PLATFORM).setBackend(BACKEND)
                .setVersionPolicy(ModelVersionPolicy.newBuilder().setAll(ModelVersionPolicy.All.getDefaultInstance()))
                .setMaxBatchSize(settings.maxCount())
                .addInput(ModelInput.newBuilder().setName(graph.inputName()).setDataType(DataType.TYPE_FP32).addDims(graph.inputWidth(model)))
                .addInstanceGroup(instances)
                .setDefaultModelFilename(graph.fileName())
                .putParameters("kind", parameter(model.kind().label()))
                .putParameters("latent_dim", parameter(Integer.toString(model.latentDim())));
        for (String output : graph.outputNames(model.kind())) {
            config.addOutput(ModelOutput.newBuilder().setName(output).setDataType(DataType.TYPE_FP32).addDims(graph.outputWidth(model)));
        }
        return config.build();
    }

    private static ModelParameter parameter(String value) {
        return ModelParameter.newBuilder().setStringValue(value).build();
    }
}
