package dev.shapesvae.server.v2.grpc;

import static dev.shapesvae.testing.HttpProbe.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import dev.shapesvae.inference.Decoding;
import dev.shapesvae.inference.Encoding;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.server.ServerSettings;
import dev.shapesvae.server.ShapesServer;
import dev.shapesvae.server.v2.proto.GRPCInferenceServiceGrpc;
import dev.shapesvae.server.v2.proto.GrpcService.InferTensorContents;
import dev.shapesvae.server.v2.proto.GrpcService.ModelConfigRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ModelInferRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ModelInferResponse;
import dev.shapesvae.server.v2.proto.GrpcService.ModelMetadataRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ModelMetadataResponse;
import dev.shapesvae.server.v2.proto.GrpcService.ModelReadyRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ModelStatistics;
import dev.shapesvae.server.v2.proto.GrpcService.ModelStatisticsRequest;
import dev.shapesvae.server.v2.proto.GrpcService.RepositoryIndexRequest;
import dev.shapesvae.server.v2.proto.GrpcService.RepositoryIndexResponse;
import dev.shapesvae.server.v2.proto.GrpcService.ServerLiveRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ServerMetadataRequest;
import dev.shapesvae.server.v2.proto.GrpcService.ServerMetadataResponse;
import dev.shapesvae.server.v2.proto.GrpcService.ServerReadyRequest;
import dev.shapesvae.server.v2.proto.ModelConfigProto.ModelConfig;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.HttpProbe;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Open Inference Protocol over gRPC with a grpc-java client, against the real server on
 * random ports: the same models, answers, limits, statistics and metrics as over REST.
 */
@Timeout(120)
class GrpcInferenceTest {
    private static final float[] Z = {0f, 0.5f, 1f, -1f, 0f, 2f};

    @TempDir
    static Path root;

    private static ModelRepository repository;
    private static ShapesServer server;
    private static ManagedChannel channel;
    private static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub grpc;
    private static HttpProbe http;
    private static Decoding decoded;
    private static Encoding encoded;

    @BeforeAll
    static void start() {
        repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 1);
        Fixtures.writeBundle(repository, "ae", Fixtures.config(ModelKind.AE, 2, false), 2);
        server = ShapesServer.start(ServerSettings.of(repository.root(), InferenceOptions.cpu(), 2, 64, 200_000), "127.0.0.1", 0,
                ShapesServer.ANY_FREE_PORT);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort().orElseThrow()).usePlaintext().build();
        grpc = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        http = new HttpProbe(server.uri());
        try (GenerativeModel model = GenerativeModel.load(repository.load("vae"), InferenceOptions.cpu())) {
            decoded = model.decode(new FloatMatrix(2, 3, Z));
            encoded = model.encode(new FloatMatrix(1, 784, image()));
        }
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        server.close();
    }

    private static float[] image() {
        float[] image = new float[784];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i % 7) / 7f;
        }
        return image;
    }

    private static ByteString raw(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return ByteString.copyFrom(bytes.array());
    }

    private static float[] floats(ByteString raw) {
        float[] values = new float[raw.size() / 4];
        raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static ModelInferRequest.InferInputTensor.Builder input(String name, String datatype, long... shape) {
        ModelInferRequest.InferInputTensor.Builder input = ModelInferRequest.InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
        for (long dim : shape) {
            input.addShape(dim);
        }
        return input;
    }

    private static ModelInferRequest decodeZ() {
        return ModelInferRequest.newBuilder().setModelName("vae-decoder").addInputs(input("z", "FP32", 2, 3)).addRawInputContents(raw(Z)).build();
    }

    private static void assertRefused(Runnable call, Status.Code code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(message);
        });
    }

    @Test
    void healthAndServerMetadata() {
        assertThat(grpc.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        assertThat(grpc.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        ServerMetadataResponse metadata = grpc.serverMetadata(ServerMetadataRequest.getDefaultInstance());
        assertThat(metadata.getName()).isEqualTo("shapes-vae");
        assertThat(metadata.getExtensionsList()).containsExactly("binary_tensor_data", "model_configuration", "model_repository", "statistics");
        assertThat(grpc.modelReady(ModelReadyRequest.newBuilder().setName("vae-encoder").build()).getReady()).isTrue();
        assertThat(grpc.modelReady(ModelReadyRequest.newBuilder().setName("vae-encoder").setVersion("1").build()).getReady()).isTrue();
        assertThat(grpc.modelReady(ModelReadyRequest.newBuilder().setName("vae-encoder").setVersion("2").build()).getReady()).isFalse();
        assertThat(grpc.modelReady(ModelReadyRequest.newBuilder().setName("nope-encoder").build()).getReady()).isFalse();
        // The standard health service, which Kubernetes' grpc probe calls.
        assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void modelMetadataIsRestsInProtobuf() throws Exception {
        ModelMetadataResponse metadata = grpc.modelMetadata(ModelMetadataRequest.newBuilder().setName("vae-encoder").build());
        JsonNode rest = json(http.get("/v2/models/vae-encoder"));

        assertThat(metadata.getName()).isEqualTo("vae-encoder");
        assertThat(metadata.getVersionsList()).containsExactly("1");
        assertThat(metadata.getPlatform()).isEqualTo(rest.get("platform").asText());
        assertThat(metadata.getInputs(0).getName()).isEqualTo("image");
        assertThat(metadata.getInputs(0).getDatatype()).isEqualTo("FP32");
        assertThat(metadata.getInputs(0).getShapeList()).containsExactly(-1L, 784L);
        assertThat(metadata.getOutputsList()).extracting(ModelMetadataResponse.TensorMetadata::getName).containsExactly("mean", "logvar");
        assertThat(metadata.getOutputs(1).getShapeList()).containsExactly(-1L, 3L);
        assertRefused(() -> grpc.modelMetadata(ModelMetadataRequest.newBuilder().setName("vae").build()), Status.Code.NOT_FOUND,
                "v2 model names are <name>-encoder and <name>-decoder");
    }

    @Test
    void inferenceWithRawContentsAnswersRawContentsEqualToTheModelAndToRest() throws Exception {
        ModelInferResponse reply = grpc.modelInfer(decodeZ().toBuilder().setId("g-1").build());

        assertThat(reply.getModelName()).isEqualTo("vae-decoder");
        assertThat(reply.getModelVersion()).isEqualTo("1");
        assertThat(reply.getId()).isEqualTo("g-1");
        assertThat(reply.getOutputsList()).extracting(ModelInferResponse.InferOutputTensor::getName).containsExactly("logits", "probs");
        assertThat(reply.getOutputs(1).getDatatype()).isEqualTo("FP32");
        assertThat(reply.getOutputs(1).getShapeList()).containsExactly(2L, 784L);
        assertThat(reply.getRawOutputContentsCount()).isEqualTo(2);
        assertThat(floats(reply.getRawOutputContents(0))).isEqualTo(decoded.logits().data());
        assertThat(floats(reply.getRawOutputContents(1))).isEqualTo(decoded.probs().data());

        JsonNode rest = json(http.post("/v2/models/vae-decoder/infer",
                "{\"inputs\": [{\"name\": \"z\", \"shape\": [2, 3], \"datatype\": \"FP32\", \"data\": " + Arrays.toString(Z) + "}]}"));
        float[] restProbs = new float[2 * 784];
        for (int i = 0; i < restProbs.length; i++) {
            restProbs[i] = Float.parseFloat(rest.get("outputs").get(1).get("data").get(i).asText());
        }
        assertThat(floats(reply.getRawOutputContents(1))).isEqualTo(restProbs);
    }

    @Test
    void typedContentsAndFp16RawContentsGiveTheSameNumbers() {
        InferTensorContents.Builder fp32 = InferTensorContents.newBuilder();
        InferTensorContents.Builder fp64 = InferTensorContents.newBuilder();
        for (float v : Z) {
            fp32.addFp32Contents(v);
            fp64.addFp64Contents(v);
        }
        ByteBuffer half = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        for (int bits : new int[] {0x0000, 0x3800, 0x3C00, 0xBC00, 0x0000, 0x4000}) {
            half.putShort((short) bits);
        }
        ModelInferRequest.InferRequestedOutputTensor logits = ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("logits").build();

        for (ModelInferRequest request : List.of(
                ModelInferRequest.newBuilder().setModelName("vae-decoder").addInputs(input("z", "FP32", 2, 3).setContents(fp32)).addOutputs(logits).build(),
                ModelInferRequest.newBuilder().setModelName("vae-decoder").addInputs(input("z", "FP64", 2, 3).setContents(fp64)).addOutputs(logits).build(),
                ModelInferRequest.newBuilder().setModelName("vae-decoder").setModelVersion("1").addInputs(input("z", "FP16", 2, 3))
                        .addRawInputContents(ByteString.copyFrom(half.array())).addOutputs(logits).build())) {
            ModelInferResponse reply = grpc.modelInfer(request);
            assertThat(reply.getOutputsList()).extracting(ModelInferResponse.InferOutputTensor::getName).containsExactly("logits");
            assertThat(floats(reply.getRawOutputContents(0))).as(request.getInputs(0).getDatatype()).isEqualTo(decoded.logits().data());
        }

        ModelInferResponse encoder = grpc.modelInfer(ModelInferRequest.newBuilder().setModelName("vae-encoder")
                .addInputs(input("image", "FP32", 1, 784)).addRawInputContents(raw(image())).build());
        assertThat(floats(encoder.getRawOutputContents(0))).isEqualTo(encoded.z().data());
        assertThat(floats(encoder.getRawOutputContents(1))).isEqualTo(encoded.logvar().orElseThrow().data());
    }

    @Test
    void badRequestsGetTheCodeAndMessageRestGives() throws Exception {
        assertRefused(() -> grpc.modelInfer(decodeZ().toBuilder().setModelName("nope-decoder").build()), Status.Code.NOT_FOUND,
                "no model named 'nope'");
        assertRefused(() -> grpc.modelInfer(decodeZ().toBuilder().setModelVersion("9").build()), Status.Code.NOT_FOUND, "has no version 9");
        assertRefused(() -> grpc.modelInfer(decodeZ().toBuilder().setInputs(0, input("z", "FP32", 3, 2)).build()),
                Status.Code.INVALID_ARGUMENT, "inputs[0].shape must be [N, 3] with N >= 1, got [3,2]");
        assertRefused(() -> grpc.modelInfer(decodeZ().toBuilder().setInputs(0, input("z", "INT32", 2, 3)).build()),
                Status.Code.INVALID_ARGUMENT, "the accepted datatypes are FP32, FP16 and FP64");
        assertRefused(() -> grpc.modelInfer(decodeZ().toBuilder().setRawInputContents(0, raw(1, 2, 3)).build()),
                Status.Code.INVALID_ARGUMENT, "raw_input_contents[0] has 3 values but shape [2,3] needs 6");
        assertRefused(() -> grpc.modelInfer(decodeZ().toBuilder().addRawInputContents(raw(1)).build()),
                Status.Code.INVALID_ARGUMENT, "raw_input_contents has 2 entries for 1 inputs");
        assertRefused(() -> grpc.modelInfer(ModelInferRequest.newBuilder().setModelName("vae-decoder").addInputs(input("z", "FP16", 2, 3)
                .setContents(InferTensorContents.newBuilder().addFp32Contents(1))).build()), Status.Code.INVALID_ARGUMENT,
                "inputs[0].contents: FP16 has no typed contents; send its values as raw_input_contents");
        assertRefused(() -> grpc.modelInfer(decodeZ().toBuilder().addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                .setName("mean")).build()), Status.Code.INVALID_ARGUMENT, "unknown output 'mean' (available: [logits, probs])");
        assertRefused(() -> grpc.modelInfer(decodeZ().toBuilder().setRawInputContents(0, raw(3e38f, -3e38f, 3e38f, 0, 0, 0)).build()),
                Status.Code.INVALID_ARGUMENT, "not finite");
    }

    @Test
    void aModelThatIsNotServedIsNotFoundOverGrpcWithTheMessageRestGives() throws Exception {
        ModelRepository own = new ModelRepository(root.resolve("unloaded"));
        Fixtures.writeBundle(own, "vae", Fixtures.config(ModelKind.VAE, 3, false), 1);
        try (ShapesServer one = ShapesServer.start(ServerSettings.of(own.root(), InferenceOptions.cpu(), 1, 8, 1 << 20), "127.0.0.1", 0,
                ShapesServer.ANY_FREE_PORT)) {
            ManagedChannel toOne = ManagedChannelBuilder.forAddress("127.0.0.1", one.grpcPort().orElseThrow()).usePlaintext().build();
            try {
                GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(toOne)
                        .withDeadlineAfter(60, TimeUnit.SECONDS);
                one.registry().unload("vae");
                String reason = "model 'vae' is unloaded; it is served again once loaded";
                assertRefused(() -> stub.modelInfer(decodeZ()), Status.Code.NOT_FOUND, reason);
                assertRefused(() -> stub.modelMetadata(ModelMetadataRequest.newBuilder().setName("vae-encoder").build()),
                        Status.Code.NOT_FOUND, reason);
                assertThat(stub.modelReady(ModelReadyRequest.newBuilder().setName("vae-decoder").build()).getReady()).isFalse();
                HttpResponse<String> rest = new HttpProbe(one.uri()).post("/api/models/vae/sample", "{}");
                assertThat(rest.statusCode()).isEqualTo(404);
                assertThat(json(rest).get("error").asText()).isEqualTo(reason);

                one.registry().load("vae");
                assertThat(stub.modelInfer(decodeZ()).getOutputsCount()).isEqualTo(2);
            } finally {
                toOne.shutdownNow();
            }
        }
    }

    @Test
    void theLimitsAreRests() {
        // 65 rows: more than --max-count; 70 x 784 floats: a message over the 200,000-byte --max-body.
        assertRefused(() -> grpc.modelInfer(ModelInferRequest.newBuilder().setModelName("vae-decoder").addInputs(input("z", "FP32", 65, 3))
                .addRawInputContents(raw(new float[65 * 3])).build()), Status.Code.INVALID_ARGUMENT, "65 rows, more than the limit of 64");
        assertThatThrownBy(() -> grpc.modelInfer(ModelInferRequest.newBuilder().setModelName("vae-encoder").addInputs(input("image", "FP32", 70, 784))
                .addRawInputContents(raw(new float[70 * 784])).build())).isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    }

    @Test
    void configurationStatisticsAndIndexAreTheSameAsOverRest() throws Exception {
        ModelConfig config = grpc.modelConfig(ModelConfigRequest.newBuilder().setName("ae-decoder").build()).getConfig();
        ModelConfig.Builder rest = ModelConfig.newBuilder();
        JsonFormat.parser().merge(http.get("/v2/models/ae-decoder/config").body(), rest);
        assertThat(config).isEqualTo(rest.build());
        assertThat(config.getOutputList()).extracting(o -> o.getName()).containsExactly("logits", "probs");

        long before = grpc.modelStatistics(ModelStatisticsRequest.newBuilder().setName("ae-decoder").build()).getModelStats(0)
                .getInferenceStats().getSuccess().getCount();
        grpc.modelInfer(ModelInferRequest.newBuilder().setModelName("ae-decoder").addInputs(input("z", "FP32", 3, 2))
                .addRawInputContents(raw(new float[6])).build());
        http.post("/v2/models/ae-decoder/infer", "{\"inputs\": [{\"name\": \"z\", \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [0, 0]}]}");
        ModelStatistics stats = grpc.modelStatistics(ModelStatisticsRequest.newBuilder().setName("ae-decoder").setVersion("1").build())
                .getModelStats(0);
        assertThat(stats.getInferenceStats().getSuccess().getCount()).isEqualTo(before + 2);
        JsonNode restStats = json(http.get("/v2/models/ae-decoder/versions/1/stats")).get("model_stats").get(0);
        assertThat(restStats.get("inference_stats").get("success").get("count").asLong()).isEqualTo(stats.getInferenceStats().getSuccess().getCount());
        assertThat(restStats.get("inference_count").asLong()).isEqualTo(stats.getInferenceCount());
        assertThat(grpc.modelStatistics(ModelStatisticsRequest.getDefaultInstance()).getModelStatsCount()).isEqualTo(4);

        RepositoryIndexResponse index = grpc.repositoryIndex(RepositoryIndexRequest.newBuilder().setReady(true).build());
        assertThat(index.getModelsList()).extracting(m -> m.getName() + "/" + m.getVersion() + " " + m.getState())
                .containsExactly("ae-decoder/1 READY", "ae-encoder/1 READY", "vae-decoder/1 READY", "vae-encoder/1 READY");
    }

    @Test
    void grpcRequestsAreCountedInTheMetricsUnderServedNamesOnly() throws Exception {
        grpc.modelInfer(decodeZ());
        assertRefused(() -> grpc.modelInfer(decodeZ().toBuilder().setModelName("junk-decoder").build()), Status.Code.NOT_FOUND, "junk");

        String metrics = http.send(http.request("/prometheus").header("Accept", "text/plain").GET()).body();
        assertThat(metrics).contains("shapesvae_requests_seconds_count{endpoint=\"grpc-infer\",model=\"vae-decoder\",outcome=\"ok\"")
                .contains("shapesvae_requests_seconds_count{endpoint=\"grpc-infer\",model=\"unknown\",outcome=\"404\"")
                .contains("nv_inference_request_success_total{model=\"vae-decoder\",version=\"1\"}")
                .doesNotContain("junk");
    }

    @Test
    void aGracefulStopAnswersEveryCallInFlight() throws Exception {
        ModelRepository own = new ModelRepository(root.resolve("graceful"));
        Fixtures.writeBundle(own, "vae", Fixtures.config(ModelKind.VAE, 3, false), 1);
        ShapesServer one = ShapesServer.start(ServerSettings.of(own.root(), InferenceOptions.cpu(), 1, 2048, 64L << 20), "127.0.0.1", 0,
                ShapesServer.ANY_FREE_PORT);
        // Replies of 2048 x 784 x 2 floats are over grpc-java's default 4 MiB; tritonclient.grpc allows 2 GiB.
        ManagedChannel toOne = ManagedChannelBuilder.forAddress("127.0.0.1", one.grpcPort().orElseThrow()).usePlaintext()
                .maxInboundMessageSize(Integer.MAX_VALUE).build();
        try {
            GRPCInferenceServiceGrpc.GRPCInferenceServiceStub async = GRPCInferenceServiceGrpc.newStub(toOne);
            ModelInferRequest big = ModelInferRequest.newBuilder().setModelName("vae-decoder").addInputs(input("z", "FP32", 2048, 3))
                    .addRawInputContents(raw(new float[2048 * 3])).build();
            List<CompletableFuture<ModelInferResponse>> inFlight = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                CompletableFuture<ModelInferResponse> reply = new CompletableFuture<>();
                async.modelInfer(big, new StreamObserver<>() {
                    @Override
                    public void onNext(ModelInferResponse value) {
                        reply.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        reply.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
                inFlight.add(reply);
            }
            // One worker runs the 20 calls one after another; stop once the server has taken them
            // all in, however slowly a loaded machine sends them (a call that comes after the stop
            // began is refused, as it should be).
            awaitTakenIn(new HttpProbe(one.uri()), inFlight.size());
            assertThat(inFlight).anyMatch(f -> !f.isDone());

            assertThat(one.shutdown(Duration.ofSeconds(60))).isTrue();
            for (CompletableFuture<ModelInferResponse> reply : inFlight) {
                assertThat(reply.get(10, TimeUnit.SECONDS).getOutputs(1).getShapeList()).containsExactly(2048L, 784L);
            }
        } finally {
            toOne.shutdownNow();
            one.close();
        }
    }

    /** Waits until the inference pool has queued, is running or has run {@code calls} tasks, as its metrics say. */
    private static void awaitTakenIn(HttpProbe server, int calls) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        double taken = 0;
        while (taken < calls && System.nanoTime() < deadline) {
            Thread.sleep(20);
            String metrics = server.send(server.request("/prometheus").header("Accept", "text/plain").GET()).body();
            taken = Stream.of("executor_queued_tasks", "executor_active_threads", "executor_completed_tasks_total")
                    .mapToDouble(name -> poolMetric(metrics, name)).sum();
        }
        assertThat(taken).as("calls the server took in within 60 s").isEqualTo(calls);
    }

    private static double poolMetric(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + "\\{name=\"inference\"} (\\S+)$").matcher(metrics);
        assertThat(value.find()).as(name + " in /prometheus").isTrue();
        return Double.parseDouble(value.group(1));
    }

    @Test
    void aGrpcPortInUseIsNamedInOneLineAndGrpcCanBeOff() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> ShapesServer.start(ServerSettings.of(repository.root(), InferenceOptions.cpu(), 1, 8, 1 << 20),
                    "127.0.0.1", 0, port)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot listen for gRPC on 127.0.0.1:" + port + ": address already in use;"
                            + " choose another --grpc-port (0 turns gRPC off), or stop the program that uses it");
        }
        try (ShapesServer off = ShapesServer.start(ServerSettings.of(repository.root(), InferenceOptions.cpu(), 1, 8, 1 << 20), "127.0.0.1", 0)) {
            assertThat(off.grpcPort()).isEmpty();
            assertThat(new HttpProbe(off.uri()).get("/health").statusCode()).isEqualTo(200);
        }
    }
}
