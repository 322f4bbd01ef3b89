package dev.shapesvae.repository;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.export.MlpWeights;
import dev.shapesvae.export.OnnxGraphs;
import dev.shapesvae.inference.Decoding;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX files of a bundle say what they are, as Tribuo's export does: graph name, the bundle's
 * version, producer, a description and the manifest's essentials; and the version they name is
 * always the folder they are in, while model.json's hashes still match them.
 */
class BundleMetadataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ModelRepository repository() {
        return new ModelRepository(root);
    }

    private static OnnxMl.ModelProto proto(Path file) throws Exception {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
    }

    private static Map<String, String> properties(OnnxMl.ModelProto model) {
        return model.getMetadataPropsList().stream()
                .collect(Collectors.toMap(OnnxMl.StringStringEntryProto::getKey, OnnxMl.StringStringEntryProto::getValue));
    }

    @Test
    void bothGraphsCarryTheirQualifiedNameTheBundleVersionTheProducerAndTheManifestsEssentials() throws Exception {
        ModelConfig config = Fixtures.config(ModelKind.VAE, 4, true);
        Fixtures.writeBundle(repository(), "shapes", config, 1);
        ModelBundle bundle = Fixtures.writeBundle(repository(), "shapes", config, 2);
        ModelManifest manifest = bundle.manifest();

        OnnxMl.ModelProto encoder = proto(bundle.encoderPath());
        OnnxMl.ModelProto decoder = proto(bundle.decoderPath());

        assertThat(bundle.version()).isEqualTo(2);
        assertThat(encoder.getGraph().getName()).isEqualTo("shapes-encoder");
        assertThat(decoder.getGraph().getName()).isEqualTo("shapes-decoder");
        for (OnnxMl.ModelProto model : List.of(encoder, decoder)) {
            assertThat(model.getModelVersion()).isEqualTo(2);
            assertThat(model.getProducerName()).isEqualTo("shapes-vae");
            assertThat(model.getProducerVersion()).isNotBlank();
            Map<String, String> props = properties(model);
            assertThat(props).containsEntry("model_name", "shapes").containsEntry("kind", "vae").containsEntry("latent_dim", "4")
                    .containsEntry("created_at", manifest.createdAt());
            assertThat(JSON.readValue(props.get("architecture"), Architecture.class)).isEqualTo(manifest.config().architecture());
            assertThat(JSON.readValue(props.get("hyperparameters"), Hyperparameters.class)).isEqualTo(manifest.config().hyperparameters());
            assertThat(JSON.readValue(props.get("dataset"), DatasetInfo.class)).isEqualTo(manifest.dataset());
            assertThat(JSON.readValue(props.get("training"), TrainingSummary.class)).isEqualTo(manifest.training());
        }
        assertThat(properties(encoder)).containsEntry("graph", "encoder");
        assertThat(properties(decoder)).containsEntry("graph", "decoder");
        assertThat(encoder.getDocString()).startsWith("Encoder of shapes-vae model 'shapes' version 2: a variational autoencoder")
                .contains("image float32 [N, 784] -> mean, logvar float32 [N, 4]");
        assertThat(decoder.getDocString()).startsWith("Decoder of shapes-vae model 'shapes' version 2")
                .contains("z float32 [N, 4] -> logits, probs float32 [N, 784]");
    }

    @Test
    void stampingChangesTheMetadataOnlyAndTheManifestHashesTheStampedFiles() throws Exception {
        ModelConfig config = Fixtures.config(ModelKind.AE, 3, false);
        OnnxMl.ModelProto exported = OnnxMl.ModelProto.parseFrom(OnnxGraphs.encoder(ModelKind.AE, Fixtures.networks(config, 4)[0]));
        ModelBundle bundle = Fixtures.writeBundle(repository(), "ae", config, 4);
        OnnxMl.ModelProto written = proto(bundle.encoderPath());

        assertThat(written.getGraph().toBuilder().setName(exported.getGraph().getName()).build()).isEqualTo(exported.getGraph());
        assertThat(written.getOpsetImportList()).isEqualTo(exported.getOpsetImportList());
        assertThat(written.getIrVersion()).isEqualTo(exported.getIrVersion());
        assertThat(bundle.manifest().onnx().sha256()).containsEntry("encoder.onnx", Sha256.hex(Files.readAllBytes(bundle.encoderPath())))
                .containsEntry("decoder.onnx", Sha256.hex(Files.readAllBytes(bundle.decoderPath())));
        assertThat(repository().load("ae", 1).manifest()).isEqualTo(bundle.manifest());
    }

    @Test
    void aNumberTakenByAnotherEntryIsSkippedAndTheFilesNameTheNumberClaimed() throws Exception {
        ModelConfig config = Fixtures.config(ModelKind.VAE, 4, false);
        Fixtures.writeBundle(repository(), "vae", config, 1);
        // Not a version folder, so the listing says the newest is 1, yet the name 2 is taken.
        Files.writeString(root.resolve("vae").resolve("2"), "someone else's");

        ModelBundle bundle = Fixtures.writeBundle(repository(), "vae", config, 2);

        assertThat(bundle.version()).isEqualTo(3);
        assertThat(proto(bundle.encoderPath()).getModelVersion()).isEqualTo(3);
        assertThat(proto(bundle.decoderPath()).getModelVersion()).isEqualTo(3);
        assertThat(repository().load("vae", 3).manifest()).isEqualTo(bundle.manifest());
    }

    @Test
    void concurrentWritersEachGetAVersionWhoseFilesNameItAndVerify() throws Exception {
        ModelConfig config = Fixtures.config(ModelKind.AE, 3, false);
        int writers = 4;
        int each = 3;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<List<Integer>>> jobs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long seed = w;
                jobs.add(() -> IntStream.range(0, each).mapToObj(i -> Fixtures.writeBundle(repository(), "ae", config, seed).version()).toList());
            }
            List<Integer> claimed = new ArrayList<>();
            for (Future<List<Integer>> done : pool.invokeAll(jobs)) {
                claimed.addAll(done.get());
            }
            assertThat(claimed).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, writers * each).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        Loaded loaded = repository().loadAll();
        assertThat(loaded.skipped()).isEmpty();
        assertThat(loaded.bundles()).hasSize(writers * each).allSatisfy(bundle -> {
            assertThat(proto(bundle.encoderPath()).getModelVersion()).isEqualTo(bundle.version());
            assertThat(proto(bundle.decoderPath()).getModelVersion()).isEqualTo(bundle.version());
        });
    }

    /** Bundles written before the graphs carried metadata (and with the "ai.onnx" alias domain) still load and run. */
    @Test
    void aBundleWrittenBeforeTheMetadataStillLoadsAndDecodes() throws Exception {
        ModelConfig config = Fixtures.config(ModelKind.VAE, 4, true);
        MlpWeights[] nets = Fixtures.networks(config, 9);
        Path dir = Files.createDirectories(root.resolve("old").resolve("1"));
        byte[] encoder = asWrittenBefore(OnnxGraphs.encoder(ModelKind.VAE, nets[0]));
        byte[] decoder = asWrittenBefore(OnnxGraphs.decoder(nets[1]));
        Files.write(dir.resolve("encoder.onnx"), encoder);
        Files.write(dir.resolve("decoder.onnx"), decoder);
        Files.writeString(dir.resolve("model.json"), ManifestCodec.toJson(StampedBundle.withHashes(new BundleFiles(Fixtures.manifest(config), encoder, decoder, Map.of()), encoder, decoder)));

        ModelBundle bundle = repository().load("old", 1);
        try (GenerativeModel model = GenerativeModel.load(bundle, InferenceOptions.cpu())) {
            Decoding reconstructed = model.reconstruct(new FloatMatrix(2, Canvas.PIXELS, ShapesDataset.standard().pixels(new int[] {0, 100})));
            assertThat(reconstructed.probs().rows()).isEqualTo(2);
        }
        assertThat(proto(bundle.encoderPath()).getModelVersion()).isZero();
    }

    /** The graph as the exporter wrote it before: no producer version, no metadata, Relu and LayerNormalization in "ai.onnx". */
    private static byte[] asWrittenBefore(byte[] onnx) throws Exception {
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.parseFrom(onnx).toBuilder().clearProducerVersion().clearDocString();
        model.getGraphBuilder().getNodeBuilderList().stream()
                .filter(n -> n.getOpType().equals("Relu") || n.getOpType().equals("LayerNormalization"))
                .forEach(n -> n.setDomain("ai.onnx"));
        return model.build().toByteArray();
    }
}
