package dev.shapesvae.server.v2.grpc;

import com.google.protobuf.ByteString;
import dev.shapesvae.server.ApiException;
import dev.shapesvae.server.ModelNotServedException;
import dev.shapesvae.server.RequestMetrics;
import dev.shapesvae.server.ShapesServer;
import dev.shapesvae.server.v2.InferInput;
import dev.shapesvae.server.v2.InferRequest;
import dev.shapesvae.server.v2.InferResult;
import dev.shapesvae.server.v2.InferenceService;
import dev.shapesvae.server.v2.ModelConfigs;
import dev.shapesvae.server.v2.ModelMetadata;
import dev.shapesvae.server.v2.RepositoryExtension;
import dev.shapesvae.server.v2.ServerMetadata;
import dev.shapesvae.server.v2.TensorValues;
import dev.shapesvae.server.v2.proto.GRPCInferenceServiceGrpc;
import dev.shapesvae.server.v2.proto.GrpcService.ModelConfigRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ModelConfigResponse;
import dev.shapesvae.server.v2.proto.GrpcService.ModelInferRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ModelInferResponse;
import dev.shapesvae.server.v2.proto.GrpcService.ModelMetadataRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ModelMetadataResponse;
import dev.shapesvae.server.v2.proto.GrpcService.ModelReadyRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ModelReadyResponse;
import dev.shapesvae.server.v2.proto.GrpcService.ModelStatisticsRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ModelStatisticsResponse;
import dev.shapesvae.server.v2.proto.GrpcService.RepositoryIndexRequest;
import dev.shapesvae.server.v2.proto.GrpcService.RepositoryIndexResponse;
import dev.shapesvae.server.v2.proto.GrpcService.ServerLiveRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ServerLiveResponse;
import dev.shapesvae.server.v2.proto.GrpcService.ServerMetadataRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ServerMetadataResponse;
import dev.shapesvae.server.v2.proto.GrpcService.ServerReadyRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ServerReadyResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The Open Inference Protocol over gRPC ({@code inference.GRPCInferenceService}): health,
 * metadata, inference with typed or raw contents, model configuration, statistics and the
 * repository index, over the same models, limits, statistics and worker pool as REST. Inference
 * runs on the worker pool; the other calls answer at once.
 */
@Singleton
final class InferenceGrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    private final InferenceService inference;
    private final ModelConfigs configs;
    private final RepositoryExtension repository;
    private final RequestMetrics metrics;
    private final ExecutorService workers;

    InferenceGrpcService(InferenceService inference, ModelConfigs configs, RepositoryExtension repository, RequestMetrics metrics,
            @Named(ShapesServer.INFERENCE_EXECUTOR) ExecutorService workers) {
        this.inference = inference;
        this.configs = configs;
        this.repository = repository;
        this.metrics = metrics;
        this.workers = workers;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> call) {
        Answers.answer(call, "ServerLive", () -> ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> call) {
        Answers.answer(call, "ServerReady", () -> ServerReadyResponse.newBuilder().setReady(inference.ready()).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> call) {
        Answers.answer(call, "ModelReady", () -> {
            boolean ready;
            try {
                inference.requireReady(request.getName(), request.getVersion());
                ready = true;
            } catch (ApiException | ModelNotServedException e) {
                ready = false;
            }
            return ModelReadyResponse.newBuilder().setReady(ready).build();
        });
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> call) {
        Answers.answer(call, "ServerMetadata", () -> {
            ServerMetadata server = ServerMetadata.current();
            return ServerMetadataResponse.newBuilder().setName(server.name()).setVersion(server.version())
                    .addAllExtensions(server.extensions()).build();
        });
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> call) {
        Answers.answer(call, "ModelMetadata", () -> metrics.time("grpc-metadata", request.getName(), () -> {
            ModelMetadata m = inference.metadata(request.getName(), request.getVersion());
            ModelMetadataResponse.Builder reply = ModelMetadataResponse.newBuilder().setName(m.name()).addAllVersions(m.versions())
                    .setPlatform(m.platform());
            m.inputs().forEach(t -> reply.addInputs(tensor(t)));
            m.outputs().forEach(t -> reply.addOutputs(tensor(t)));
            return reply.build();
        }));
    }

    private static ModelMetadataResponse.TensorMetadata tensor(ModelMetadata.Tensor t) {
        return ModelMetadataResponse.TensorMetadata.newBuilder().setName(t.name()).setDatatype(t.datatype()).addAllShape(t.shape()).build();
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> call) {
        try {
            workers.execute(() -> Answers.answer(call, "ModelInfer",
                    () -> metrics.time("grpc-infer", request.getModelName(), () -> infer(request))));
        } catch (RejectedExecutionException e) {
            call.onError(Status.UNAVAILABLE.withDescription("the server is stopping").asRuntimeException());
        }
    }

    private ModelInferResponse infer(ModelInferRequest request) {
        int raw = request.getRawInputContentsCount();
        if (raw > 0 && raw != request.getInputsCount()) {
            throw ApiException.badRequest("raw_input_contents has " + raw + " entries for " + request.getInputsCount()
                    + " inputs; give one per input, in the order of inputs");
        }
        List<InferInput> inputs = new ArrayList<>();
        for (int i = 0; i < request.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor tensor = request.getInputs(i);
            TensorValues values;
            if (raw > 0) {
                if (tensor.hasContents()) {
                    throw ApiException.badRequest("inputs[" + i + "] has contents as well as raw_input_contents; give its values one way");
                }
                values = TensorValues.raw(request.getRawInputContents(i).asReadOnlyByteBuffer(), "raw_input_contents[" + i + "]");
            } else {
                values = new TypedValues(tensor.getContents(), "inputs[" + i + "].contents");
            }
            inputs.add(InferInput.of(tensor.getName(), tensor.getDatatype(), tensor.getShapeList(), values));
        }
        List<String> outputs = request.getOutputsList().stream().map(ModelInferRequest.InferRequestedOutputTensor::getName).toList();
        InferResult result = inference.infer(request.getModelName(), request.getModelVersion(),
                new InferRequest(request.getId().isEmpty() ? null : request.getId(), inputs, outputs));

        ModelInferResponse.Builder reply = ModelInferResponse.newBuilder().setModelName(result.modelName())
                .setModelVersion(result.modelVersion()).setId(request.getId());
        for (InferResult.Output output : result.outputs()) {
            reply.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName(output.name()).setDatatype(output.datatype())
                    .addAllShape(output.shape()));
            reply.addRawOutputContents(ByteString.copyFrom(output.littleEndian()));
        }
        return reply.build();
    }

    @Override
    public void modelConfig(ModelConfigRequest request, StreamObserver<ModelConfigResponse> call) {
        Answers.answer(call, "ModelConfig", () -> metrics.time("grpc-config", request.getName(),
                () -> ModelConfigResponse.newBuilder().setConfig(configs.config(request.getName(), request.getVersion())).build()));
    }

    @Override
    public void modelStatistics(ModelStatisticsRequest request, StreamObserver<ModelStatisticsResponse> call) {
        Answers.answer(call, "ModelStatistics", () -> metrics.time("grpc-stats", request.getName().isEmpty() ? "-" : request.getName(),
                () -> ModelStatisticsResponse.newBuilder().addAllModelStats(inference.statistics(request.getName(), request.getVersion())).build()));
    }

    @Override
    public void repositoryIndex(RepositoryIndexRequest request, StreamObserver<RepositoryIndexResponse> call) {
        Answers.answer(call, "RepositoryIndex", () -> metrics.time("grpc-index", "-",
                () -> RepositoryIndexResponse.newBuilder().addAllModels(repository.index(request.getReady())).build()));
    }
}
