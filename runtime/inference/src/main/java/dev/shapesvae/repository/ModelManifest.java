package dev.shapesvae.repository;

/**
 * The contents of {@code model.json}: what the model is, what it was fitted on, how the fit went,
 * and how to check its ONNX files.
 */
public record ModelManifest(int formatVersion, ModelConfig config, DatasetInfo dataset, TrainingSummary training,
        OnnxInfo onnx, String createdAt) {
    /** The manifest format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public ModelManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported format version " + formatVersion + " (expected " + FORMAT_VERSION + ")");
        }
        Checks.present("config", config);
        Checks.present("dataset", dataset);
        Checks.present("training", training);
        Checks.present("onnx", onnx);
    }

    /** The kind of model. */
    public ModelKind kind() {
        return config.kind();
    }

    /** The latent dimension L. */
    public int latentDim() {
        return config.latentDim();
    }

    /** The same manifest with other ONNX information (used when the hashes are known). */
    public ModelManifest withOnnx(OnnxInfo newOnnx) {
        return new ModelManifest(formatVersion, config, dataset, training, newOnnx, createdAt);
    }
}
