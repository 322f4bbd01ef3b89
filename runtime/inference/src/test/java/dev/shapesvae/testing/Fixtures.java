package dev.shapesvae.testing;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.export.DenseLayer;
import dev.shapesvae.export.HiddenLayer;
import dev.shapesvae.export.LayerNorm;
import dev.shapesvae.export.MlpWeights;
import dev.shapesvae.export.OnnxGraphs;
import dev.shapesvae.inference.GaussianMixture;
import dev.shapesvae.inference.GaussianMixtureFile;
import dev.shapesvae.inference.MixtureFit;
import dev.shapesvae.onnx.OnnxModels;
import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.BundleFiles;
import dev.shapesvae.repository.DatasetInfo;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.LossValues;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelManifest;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.SamplerEntry;
import dev.shapesvae.repository.OnnxInfo;
import dev.shapesvae.repository.TrainingHistory;
import dev.shapesvae.repository.TrainingSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** Small real models for tests: random weights exported through the production ONNX builder. */
public final class Fixtures {
    /** Two epochs, validated after the first only. */
    private static final List<TrainingHistory.Row> HISTORY = List.of(
            new TrainingHistory.Row(1, new LossValues(1.0, 0.5, 1.5), Optional.of(new LossValues(0.9, 0.5, 1.4)), 0.1),
            new TrainingHistory.Row(2, new LossValues(0.8, 0.5, 1.3), Optional.empty(), 0.2));

    private Fixtures() {
    }

    /** A small model config of a kind: hidden widths 16, latent {@code latent}. */
    public static ModelConfig config(ModelKind kind, int latent, boolean layerNorm) {
        return new ModelConfig(kind, latent, new Architecture(List.of(16), List.of(16), 0.1, layerNorm),
                new Hyperparameters(0.001, 32, 1, kind == ModelKind.VAE ? 0.65 : 0.1,
                        kind == ModelKind.AE ? 0.2 : 0, kind == ModelKind.AE ? List.of(0.5, 1.0, 3.0, 5.0) : List.of(), 7, 1));
    }

    /** Random weights of a network with the given hidden widths and heads. */
    public static MlpWeights weights(int inputs, List<Integer> hidden, List<Integer> heads, boolean layerNorm, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<HiddenLayer> layers = new ArrayList<>();
        int width = inputs;
        for (int h : hidden) {
            Optional<LayerNorm> norm = layerNorm
                    ? Optional.of(new LayerNorm(uniform(random, h, 0.5, 1.5), uniform(random, h, -0.1, 0.1), 1e-5f))
                    : Optional.empty();
            layers.add(new HiddenLayer(dense(random, width, h), norm));
            width = h;
        }
        List<DenseLayer> headLayers = new ArrayList<>();
        for (int out : heads) {
            headLayers.add(dense(random, width, out));
        }
        return new MlpWeights(layers, headLayers);
    }

    /** Random encoder and decoder weights for a config. */
    public static MlpWeights[] networks(ModelConfig config, long seed) {
        int latent = config.latentDim();
        List<Integer> encoderHeads = config.kind() == ModelKind.VAE ? List.of(latent, latent) : List.of(latent);
        MlpWeights encoder = weights(Canvas.PIXELS, config.architecture().encoderHidden(), encoderHeads,
                config.architecture().layerNorm(), seed);
        MlpWeights decoder = weights(latent, config.architecture().decoderHidden(), List.of(Canvas.PIXELS),
                config.architecture().layerNorm(), seed + 1);
        return new MlpWeights[] {encoder, decoder};
    }

    /** A manifest for a config, with placeholder training figures; hashes are filled in when written. */
    public static ModelManifest manifest(ModelConfig config) {
        ShapesDataset dataset = ShapesDataset.standard();
        LossValues loss = new LossValues(1.0, 0.5, 1.5);
        return new ModelManifest(ModelManifest.FORMAT_VERSION, config, DatasetInfo.of(dataset, dataset.split(7, 0.9)),
                new TrainingSummary(1, 0.1, 1000, "cpu", loss, loss, TrainingHistory.FILE_NAME),
                OnnxInfo.forKind(config.kind(), OnnxModels.OPSET, Map.of()), "2026-01-01T00:00:00Z");
    }

    /** Exports random networks for a config and writes them as the next version of {@code name}. */
    public static ModelBundle writeBundle(ModelRepository repository, String name, ModelConfig config, long seed) {
        MlpWeights[] nets = networks(config, seed);
        return writeBundle(repository, name, config, nets[0], nets[1]);
    }

    /** Exports the given networks for a config and writes them as the next version of {@code name}. */
    public static ModelBundle writeBundle(ModelRepository repository, String name, ModelConfig config, MlpWeights encoder, MlpWeights decoder) {
        return write(repository, name, config, encoder, decoder, Map.of());
    }

    /**
     * A {@code gmm} sampler file over {@code latentDim} dimensions, far from the prior: two
     * components of weights 0.25 and 0.75 with means -3 and +3 on every axis and covariance 0.01 I.
     */
    public static GaussianMixtureFile mixtureFile(int latentDim) {
        double[][] means = new double[2][latentDim];
        double[][][] covariances = new double[2][latentDim][latentDim];
        for (int j = 0; j < latentDim; j++) {
            means[0][j] = -3;
            means[1][j] = 3;
            covariances[0][j][j] = 0.01;
            covariances[1][j][j] = 0.01;
        }
        MixtureFit fit = new MixtureFit("mean", 7, 0.9, 7042, 782, 7, 1e-6, 100, 1e-3,
                List.of(new MixtureFit.Candidate(1, -3.5, -3.6, 2, true), new MixtureFit.Candidate(2, -1.5, -1.6, 9, true)),
                List.of(new MixtureFit.SkippedCandidate(4096, "fewer than L + 1 codes per component")));
        return new GaussianMixtureFile(new GaussianMixture(new double[] {0.25, 0.75}, means, covariances), fit);
    }

    /** The {@code gmm} sampler file a bundle stores, checked against its hash in model.json and parsed. */
    public static GaussianMixtureFile storedMixture(ModelBundle bundle) {
        SamplerEntry entry = bundle.manifest().samplers().stream().filter(s -> s.name().equals(GaussianMixtureFile.SAMPLER)).findFirst()
                .orElseThrow(() -> new AssertionError(bundle.directory() + " stores no gmm sampler"));
        return GaussianMixtureFile.parse(bundle.samplerBytes(entry), bundle.samplerPath(entry));
    }

    /** As {@link #writeBundle(ModelRepository, String, ModelConfig, long)}, with a {@code gmm} sampler ({@link #mixtureFile}). */
    public static ModelBundle writeBundleWithMixture(ModelRepository repository, String name, ModelConfig config, long seed) {
        MlpWeights[] nets = networks(config, seed);
        return write(repository, name, config, nets[0], nets[1], Map.of(GaussianMixtureFile.SAMPLER, mixtureFile(config.latentDim()).bytes()));
    }

    private static ModelBundle write(ModelRepository repository, String name, ModelConfig config, MlpWeights encoder, MlpWeights decoder,
            Map<String, byte[]> samplers) {
        return repository.write(name, new BundleFiles(manifest(config), OnnxGraphs.encoder(config.kind(), encoder),
                OnnxGraphs.decoder(decoder), Map.of(TrainingHistory.FILE_NAME, TrainingHistory.csv(HISTORY)), samplers));
    }

    private static DenseLayer dense(SplittableRandom random, int inputs, int outputs) {
        double scale = Math.sqrt(2.0 / inputs);
        return new DenseLayer(inputs, outputs, uniform(random, inputs * outputs, -scale, scale), uniform(random, outputs, -0.1, 0.1));
    }

    private static float[] uniform(SplittableRandom random, int n, double lo, double hi) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble(lo, hi);
        }
        return values;
    }
}
