package dev.shapesvae.trainer.fit;

import dev.shapesvae.export.OnnxGraphs;
import dev.shapesvae.onnx.OnnxModels;
import dev.shapesvae.repository.BundleFiles;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelManifest;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.OnnxInfo;
import dev.shapesvae.repository.TrainingHistory;
import dev.shapesvae.repository.TrainingSummary;
import dev.shapesvae.trainer.config.ConfigResolver;
import dev.shapesvae.trainer.data.TrainingData;
import dev.shapesvae.trainer.export.TrainedWeights;
import dev.shapesvae.trainer.model.Device;
import dev.shapesvae.trainer.model.ModelGraph;
import dev.shapesvae.trainer.sampler.LatentCodes;
import dev.shapesvae.trainer.sampler.SamplerFitting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Exports a trained graph in evaluation mode as the next version of a model: both ONNX graphs,
 * {@code model.json}, {@code history.csv}, the effective {@code config.yaml} and the latent
 * samplers fitted to the graph's codes, written atomically by the repository.
 */
public final class BundleExporter {
    private BundleExporter() {
    }

    /**
     * Exports a checkpoint without training, from a graph rebuilt on the CPU. Only the checkpoint's
     * wall time is known, validation included, so the recorded rate is a lower bound, and the
     * device it trained on is unknown.
     */
    public static ModelBundle exportCheckpoint(Checkpoints.Saved saved, byte[] historyCsv, ModelRepository repository, String name,
            SamplerFitting samplers) throws IOException {
        CheckpointState state = saved.state();
        TrainingData data = TrainingData.split(state.splitSeed(), state.trainFraction());
        try (ModelGraph graph = new ModelGraph(state.config(), data, Device.CPU)) {
            saved.restoreInto(graph);
            double rate = state.trainSeconds() > 0 ? (double) state.epochsDone() * data.trainRows() / state.trainSeconds() : 0;
            return export(graph, data, state, "unknown (exported from checkpoint)", rate, historyCsv, repository, name, samplers);
        }
    }

    /**
     * Exports a graph trained on {@code data}, with the state of its last checkpoint. The samplers
     * are fitted to the graph's own codes, which the exported encoder reproduces to float rounding,
     * so that the bundle is written once, with them.
     */
    public static ModelBundle export(ModelGraph graph, TrainingData data, CheckpointState state, String device, double samplesPerSecond,
            byte[] historyCsv, ModelRepository repository, String name, SamplerFitting samplers) throws IOException {
        ModelConfig config = graph.config();
        TrainingSummary training = new TrainingSummary(state.epochsDone(), state.trainSeconds(), samplesPerSecond, device,
                state.lastTrain(), state.lastValidation(), TrainingHistory.FILE_NAME);
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, config, data.info(), training,
                OnnxInfo.forKind(config.kind(), OnnxModels.OPSET, Map.of()), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        byte[] encoder = OnnxGraphs.encoder(config.kind(), TrainedWeights.encoder(graph));
        byte[] decoder = OnnxGraphs.decoder(TrainedWeights.decoder(graph));
        Map<String, byte[]> samplerFiles = samplers.fit(() -> LatentCodes.of(graph, data), config.hyperparameters().seed());
        return repository.write(name, new BundleFiles(manifest, encoder, decoder, Map.of(
                TrainingHistory.FILE_NAME, historyCsv,
                "config.yaml", ConfigResolver.toYaml(config).getBytes(StandardCharsets.UTF_8)), samplerFiles));
    }
}
