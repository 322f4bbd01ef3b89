package dev.shapesvae.triton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import dev.shapesvae.onnx.GraphSignature;
import dev.shapesvae.onnx.TensorSignature;
import dev.shapesvae.repository.BundleException;
import dev.shapesvae.repository.BundleGraph;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Triton export, read as Triton reads it: every config.pbtxt parsed strictly against the
 * field names and numbers of Triton's published ModelConfig, and checked against the ONNX file
 * beside it, which Triton's onnxruntime backend does on load.
 */
class TritonExportTest {
    @TempDir
    Path root;

    private ModelRepository repository() {
        return new ModelRepository(root.resolve("models"));
    }

    /** A VAE (latent 4) in two versions and an AE (latent 3) in one. */
    private List<ModelBundle> twoModels() {
        ModelBundle vae1 = Fixtures.writeBundle(repository(), "vae", Fixtures.config(ModelKind.VAE, 4, false), 1);
        ModelBundle vae2 = Fixtures.writeBundle(repository(), "vae", Fixtures.config(ModelKind.VAE, 4, true), 2);
        ModelBundle ae = Fixtures.writeBundle(repository(), "ae", Fixtures.config(ModelKind.AE, 3, false), 3);
        return List.of(vae1, vae2, ae);
    }

    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static Object field(Message message, String name) {
        Descriptors.FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        Object value = message.getField(field);
        return value instanceof Descriptors.EnumValueDescriptor e ? e.getName() : value;
    }

    @SuppressWarnings("unchecked")
    private static List<Message> messages(Message message, String name) {
        return (List<Message>) field(message, name);
    }

    @Test
    void writesOneTritonModelPerGraphWithAVersionFolderPerBundle() throws IOException {
        List<ModelBundle> bundles = twoModels();
        Path out = root.resolve("triton");

        TritonExport.Result result = TritonExport.write(bundles, out, TritonOptions.defaults());

        assertThat(tree(out)).containsExactly(
                "ae-decoder/1/model.onnx", "ae-decoder/config.pbtxt", "ae-encoder/1/model.onnx", "ae-encoder/config.pbtxt",
                "vae-decoder/1/model.onnx", "vae-decoder/2/model.onnx", "vae-decoder/config.pbtxt",
                "vae-encoder/1/model.onnx", "vae-encoder/2/model.onnx", "vae-encoder/config.pbtxt");
        assertThat(result.models()).containsOnlyKeys("ae-decoder", "ae-encoder", "vae-decoder", "vae-encoder")
                .containsEntry("vae-encoder", List.of(1, 2));
        assertThat(result.skipped()).isEmpty();
        assertThat(out.resolve("vae-encoder/2/model.onnx")).hasSameBinaryContentAs(bundles.get(1).encoderPath());
        assertThat(out.resolve("ae-decoder/1/model.onnx")).hasSameBinaryContentAs(bundles.get(2).decoderPath());
        try (Stream<Path> siblings = Files.list(root)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("models", "triton");
        }
    }

    @Test
    void everyConfigIsATritonModelConfigThatAgreesWithTheOnnxFileBesideIt() throws Exception {
        twoModels();
        Path out = root.resolve("triton");
        TritonExport.write(repository().loadAll().bundles(), out, new TritonOptions(512, 250, 2, TritonOptions.Device.CUDA));

        for (String model : List.of("ae-decoder", "ae-encoder", "vae-decoder", "vae-encoder")) {
            DynamicMessage config = TritonModelConfigSchema.parse(Files.readString(out.resolve(model).resolve("config.pbtxt")));
            assertThat(field(config, "name")).isEqualTo(model);
            assertThat(field(config, "backend")).isEqualTo("onnxruntime");
            assertThat(field(config, "max_batch_size")).isEqualTo(512);
            assertThat(config.hasField(config.getDescriptorForType().findFieldByName("dynamic_batching"))).isTrue();
            assertThat(field((Message) field(config, "dynamic_batching"), "max_queue_delay_microseconds")).isEqualTo(250L);
            Message policy = (Message) field(config, "version_policy");
            assertThat(policy.hasField(policy.getDescriptorForType().findFieldByName("all"))).isTrue();
            assertThat(messages(config, "instance_group")).singleElement().satisfies(group -> {
                assertThat(field(group, "count")).isEqualTo(2);
                assertThat(field(group, "kind")).isEqualTo("KIND_GPU");
            });

            GraphSignature onnx = GraphSignature.read(Files.readAllBytes(out.resolve(model).resolve("1/model.onnx")));
            assertThat(messages(config, "input")).hasSameSizeAs(onnx.inputs());
            assertThat(messages(config, "output")).hasSameSizeAs(onnx.outputs());
            assertAgrees(messages(config, "input"), onnx.inputs());
            assertAgrees(messages(config, "output"), onnx.outputs());
        }
    }

    /** Each tensor has the ONNX tensor's name, float32, and its shape without the batch dimension. */
    private static void assertAgrees(List<Message> configTensors, List<TensorSignature> onnxTensors) {
        for (int i = 0; i < onnxTensors.size(); i++) {
            TensorSignature expected = onnxTensors.get(i);
            Message tensor = configTensors.get(i);
            assertThat(field(tensor, "name")).isEqualTo(expected.name());
            assertThat(field(tensor, "data_type")).isEqualTo("TYPE_FP32");
            assertThat(expected.isFloat()).isTrue();
            assertThat(field(tensor, "dims")).isEqualTo(expected.dims().subList(1, expected.dims().size()));
        }
    }

    @Test
    void theSchemaRejectsUnknownFieldsAndEnumValuesSoTheParseProvesSomething() {
        String valid = TritonModelConfig.of(BundleGraph.DECODER, "m", ModelKind.AE, 3, TritonOptions.defaults()).toPbtxt();
        assertThat(valid).contains("max_batch_size: 4096");

        assertThatThrownBy(() -> TritonModelConfigSchema.parse(valid.replace("max_batch_size", "max_batch")))
                .isInstanceOf(TextFormat.ParseException.class).hasMessageContaining("max_batch");
        assertThatThrownBy(() -> TritonModelConfigSchema.parse(valid.replace("TYPE_FP32", "TYPE_FLOAT32")))
                .isInstanceOf(TextFormat.ParseException.class).hasMessageContaining("TYPE_FLOAT32");
        assertThatThrownBy(() -> TritonModelConfigSchema.parse(valid.replace("KIND_AUTO", "KIND_ANY")))
                .isInstanceOf(TextFormat.ParseException.class);
    }

    @Test
    void anOlderVersionOfAnotherLatentSizeIsLeftOutAndNamed() throws IOException {
        Fixtures.writeBundle(repository(), "m", Fixtures.config(ModelKind.VAE, 4, false), 1);
        Fixtures.writeBundle(repository(), "m", Fixtures.config(ModelKind.VAE, 6, false), 2);

        TritonExport.Result result = TritonExport.write(repository().loadAll().bundles(), root.resolve("triton"), TritonOptions.defaults());

        assertThat(result.models()).containsEntry("m-encoder", List.of(2)).containsEntry("m-decoder", List.of(2));
        assertThat(result.skipped()).containsExactly("m version 1: a vae of latent 4, while the newest is a vae of latent 6;"
                + " Triton gives all versions of a model one configuration");
        assertThat(root.resolve("triton/m-encoder/1")).doesNotExist();
        assertThat(Files.readString(root.resolve("triton/m-encoder/config.pbtxt"))).contains("dims: [ 6 ]");
    }

    @Test
    void aFolderWithFilesIsNeverOverwrittenAndAnEmptyOneIsFilled() throws IOException {
        List<ModelBundle> bundles = twoModels();
        Path taken = Files.createDirectories(root.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        Path empty = Files.createDirectories(root.resolve("empty"));

        assertThatThrownBy(() -> TritonExport.write(bundles, taken, TritonOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists and is not empty");
        TritonExport.write(bundles, empty, TritonOptions.defaults());

        assertThat(tree(taken)).containsExactly("keep.txt");
        assertThat(tree(empty)).contains("vae-encoder/config.pbtxt");
    }

    @Test
    void aFileChangedAfterVerificationStopsTheExportAndLeavesNothingBehind() throws IOException {
        List<ModelBundle> bundles = twoModels();
        Files.write(bundles.get(2).decoderPath(), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> TritonExport.write(bundles, root.resolve("triton"), TritonOptions.defaults()))
                .isInstanceOf(BundleException.class).hasMessageContaining("changed since it was verified");

        try (Stream<Path> siblings = Files.list(root)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("models");
        }
    }
}
