package dev.shapesvae.repository;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The contents of {@code model.json}: what the model is, what it was fitted on, how the fit went,
 * how to check its ONNX files, and the latent samplers stored beside them.
 *
 * @param samplers the samplers stored in the bundle besides the prior, in the order they are offered
 *     (optional in model.json: absent means none, see {@link OptionalFields})
 * @param derivedFrom the version whose graphs, training and history this version copies with
 *     something added, such as a sampler by {@code trainer fit-sampler}; null for a version trained
 *     itself (optional in model.json: absent means null)
 */
public record ModelManifest(int formatVersion, ModelConfig config, DatasetInfo dataset, TrainingSummary training,
        OnnxInfo onnx, String createdAt, List<SamplerEntry> samplers, Integer derivedFrom) {
    /**
     * The manifest format this code writes and reads. Fields added since are optional (see
     * {@link OptionalFields}), so the number changes only when a reader of an older format would
     * misread a newer file, not when a field is added.
     */
    public static final int FORMAT_VERSION = 1;

    @JsonCreator
    public ModelManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported format version " + formatVersion + " (expected " + FORMAT_VERSION + ")");
        }
        Checks.present("config", config);
        Checks.present("dataset", dataset);
        Checks.present("training", training);
        Checks.present("onnx", onnx);
        samplers = List.copyOf(Checks.present("samplers", samplers));
        Set<String> names = new HashSet<>();
        for (SamplerEntry sampler : samplers) {
            if (!names.add(sampler.name())) {
                throw new IllegalArgumentException("sampler '" + sampler.name() + "' is listed twice");
            }
        }
        if (derivedFrom != null) {
            Checks.positive("derivedFrom (a version)", derivedFrom);
        }
    }

    /** A manifest of a version trained itself, with no stored sampler. */
    public ModelManifest(int formatVersion, ModelConfig config, DatasetInfo dataset, TrainingSummary training, OnnxInfo onnx,
            String createdAt) {
        this(formatVersion, config, dataset, training, onnx, createdAt, List.of(), null);
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
        return new ModelManifest(formatVersion, config, dataset, training, newOnnx, createdAt, samplers, derivedFrom);
    }

    /** The same manifest with other stored samplers (used when their hashes are known). */
    public ModelManifest withSamplers(List<SamplerEntry> newSamplers) {
        return new ModelManifest(formatVersion, config, dataset, training, onnx, createdAt, newSamplers, derivedFrom);
    }

    /** This manifest as that of a new version, created at {@code newCreatedAt}, that copies version {@code version} of the model. */
    public ModelManifest derivedVersionOf(int version, String newCreatedAt) {
        return new ModelManifest(formatVersion, config, dataset, training, onnx, newCreatedAt, samplers, version);
    }
}
