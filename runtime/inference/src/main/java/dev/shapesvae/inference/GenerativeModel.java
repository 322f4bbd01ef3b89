package dev.shapesvae.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.repository.BundleException;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelNotFoundException;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.Skipped;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A loaded model bundle: its encoder and decoder in ONNX Runtime sessions, with sampling,
 * encoding, decoding, reconstruction and latent traversals. Sampling draws latents from one of the
 * bundle's {@linkplain LatentSampler samplers}: the prior N(0, I) unless another is named, such as
 * a {@code gmm} stored in the bundle ({@link #samplers()} lists them). Large inputs are split into batches
 * of at most {@link InferenceOptions#maxBatch()} rows. Safe for concurrent use (ONNX Runtime
 * sessions are); {@link #close()} releases the sessions, so open it in try-with-resources:
 *
 * <pre>{@code
 * try (GenerativeModel model = GenerativeModel.open(Path.of("models"), "quick-vae", InferenceOptions.defaults())) {
 *     Decoding samples = model.sample(16, 42, 1.0);   // 16 images from z ~ N(0, I)
 *     Decoding fitted = model.sample("gmm", 16, 42, 1.0);   // z from the mixture fitted to the training codes, if stored
 *     Png.write(samples.grid(4), Path.of("samples.png"));
 *     Decoding back = model.reconstruct(List.of(Shape.CIRCLE.draw(12, 14, 14)));
 * }
 * }</pre>
 */
public final class GenerativeModel implements AutoCloseable {
    // The JDK's logging API, so that the library brings no logging backend: the application that
    // embeds it routes these lines where it wants (the service sends them to its logback).
    private static final System.Logger LOG = System.getLogger(GenerativeModel.class.getName());
    /** ONNX Runtime's own log lines worth showing: its warnings (nodes placed on the CPU, memory copies added) are advice for graph authors. */
    private static final OrtLoggingLevel ORT_LOG_LEVEL = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
    /** The most values one Java array holds (a few below Integer.MAX_VALUE, as the JDK's own collections assume). */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    /** --device auto chooses the same for every model of a process: said once, not once per model. */
    private static final AtomicBoolean AUTO_CHOICE_REPORTED = new AtomicBoolean();

    private final ModelBundle bundle;
    private final Map<String, LatentSampler> samplers;
    private final OrtSession encoder;
    private final OrtSession decoder;
    private final ExecutionProvider provider;
    private final int maxBatch;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GenerativeModel(ModelBundle bundle, Map<String, LatentSampler> samplers, OrtSession encoder, OrtSession decoder,
            ExecutionProvider provider, int maxBatch) {
        this.bundle = bundle;
        this.samplers = samplers;
        this.encoder = encoder;
        this.decoder = decoder;
        this.provider = provider;
        this.maxBatch = maxBatch;
    }

    /**
     * Creates ONNX Runtime's environment with its own log lines limited to errors. ONNX Runtime
     * fixes the level when the environment is first created, so a program calls this before
     * anything else touches ONNX Runtime (the CLIs do, before running a command); everything
     * after shares that environment. Called later, it changes nothing. Sessions opened here are
     * limited to errors in any case.
     */
    public static void limitOnnxRuntimeLogs() {
        // Asked for another level than the existing environment's, ONNX Runtime keeps its level
        // and says so on java.util.logging; that is no news to a caller who asks only to be quiet.
        java.util.logging.Logger ortLog = java.util.logging.Logger.getLogger(OrtEnvironment.class.getName());
        java.util.logging.Level level = ortLog.getLevel();
        ortLog.setLevel(java.util.logging.Level.OFF);
        try {
            OrtEnvironment.getEnvironment(ORT_LOG_LEVEL);
        } finally {
            ortLog.setLevel(level);
        }
    }

    /** The environment that exists (asking for a level again would only log a warning): see {@link #limitOnnxRuntimeLogs()}. */
    private static OrtEnvironment env() {
        return OrtEnvironment.getEnvironment();
    }

    /**
     * Opens the newest version of a model that loads and verifies, from the repository in folder
     * {@code repository} ({@code <repository>/<name>/<version>/}). Newer versions that do not load
     * are skipped with a warning on the JDK's logger, so a half-copied or broken newest version
     * does not stop an application that could run the one before it.
     *
     * @throws ModelNotFoundException when the repository holds no model of that name, or it has no versions
     * @throws BundleException when no version of the model loads, naming each version's problem
     * @throws IllegalArgumentException when the name is not a valid model name or the provider cannot run here
     */
    public static GenerativeModel open(Path repository, String name, InferenceOptions options) {
        return open(new ModelRepository(repository), name, options);
    }

    /**
     * Opens one version of a model from the repository in folder {@code repository}, verified.
     *
     * @throws ModelNotFoundException when the repository holds no such model or version
     * @throws BundleException when that version does not load (files missing, manifest invalid, hashes or graphs wrong)
     * @throws IllegalArgumentException when the name or version is not valid or the provider cannot run here
     */
    public static GenerativeModel open(Path repository, String name, int version, InferenceOptions options) {
        return open(new ModelRepository(repository), name, version, options);
    }

    /** As {@link #open(Path, String, InferenceOptions)}, in a repository already at hand. */
    public static GenerativeModel open(ModelRepository repository, String name, InferenceOptions options) {
        List<Skipped> skipped = new ArrayList<>();
        Optional<ModelBundle> newestGood = repository.loadNewestGood(name, skipped);
        if (newestGood.isEmpty()) {
            Path modelDir = repository.root().resolve(name);
            if (skipped.isEmpty()) {
                throw new ModelNotFoundException(modelDir, "model '" + name + "' has no versions");
            }
            throw new BundleException(modelDir, "no version of model '" + name + "' loads: "
                    + skipped.stream().map(Skipped::toString).collect(Collectors.joining("; ")));
        }
        skipped.forEach(s -> LOG.log(System.Logger.Level.WARNING, "skipping {0}", s));
        return load(newestGood.get(), options);
    }

    /** As {@link #open(Path, String, int, InferenceOptions)}, in a repository already at hand. */
    public static GenerativeModel open(ModelRepository repository, String name, int version, InferenceOptions options) {
        return load(repository.load(name, version), options);
    }

    /**
     * Opens both graphs of a verified bundle and reads its samplers. With no provider given, tries
     * CUDA and falls back to the CPU; an explicit provider that ONNX Runtime cannot use here is
     * refused with the reason.
     *
     * @throws BundleException naming the file when a stored sampler cannot be read or does not fit the model
     */
    public static GenerativeModel load(ModelBundle bundle, InferenceOptions options) {
        // Before any session is opened, so that a broken sampler file leaks none.
        Map<String, LatentSampler> samplers = LatentSamplers.of(bundle);
        ExecutionProvider provider = options.provider().orElse(null);
        if (provider == null) {
            Optional<String> cudaProblem = ExecutionProvider.CUDA.unavailability();
            provider = cudaProblem.isEmpty() ? ExecutionProvider.CUDA : ExecutionProvider.CPU;
            if (!AUTO_CHOICE_REPORTED.getAndSet(true)) {
                LOG.log(System.Logger.Level.INFO, autoChoice(cudaProblem));
            }
        } else {
            provider.requireAvailable();
        }
        // The options are only read while the sessions are created; a server that reloads often
        // must not leak them, nor the encoder's session when the decoder fails to open.
        try (OrtSession.SessionOptions sessionOptions = sessionOptions(provider, options)) {
            OrtSession encoder = env().createSession(bundle.encoderPath().toString(), sessionOptions);
            try {
                OrtSession decoder = env().createSession(bundle.decoderPath().toString(), sessionOptions);
                return new GenerativeModel(bundle, samplers, encoder, decoder, provider, options.maxBatch());
            } catch (OrtException | RuntimeException e) {
                encoder.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot open " + bundle.directory() + " on " + provider.label() + ": " + e.getMessage(), e);
        }
    }

    /** The line that says which provider {@code --device auto} chose, and why not CUDA when it did not. */
    static String autoChoice(Optional<String> cudaProblem) {
        return "ONNX Runtime execution provider: " + cudaProblem.map(problem -> "cpu (CUDA unavailable: " + problem + ")").orElse("cuda");
    }

    /** Whether ONNX Runtime can run on CUDA here: the {@code gpu} build on a host with NVIDIA's driver and a GPU ({@link ExecutionProvider#unavailability} says why not). */
    public static boolean cudaAvailable() {
        return ExecutionProvider.CUDA.unavailability().isEmpty();
    }

    private static OrtSession.SessionOptions sessionOptions(ExecutionProvider provider, InferenceOptions options) throws OrtException {
        OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
        sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        sessionOptions.setSessionLogLevel(ORT_LOG_LEVEL);
        if (options.intraOpThreads() > 0) {
            sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
        }
        if (provider == ExecutionProvider.CUDA) {
            sessionOptions.addCUDA(0);
        }
        return sessionOptions;
    }

    /** The bundle this model was opened from: its name, version, folder and manifest. */
    public ModelBundle bundle() {
        return bundle;
    }

    /** Whether this is a VAE or an MMD autoencoder, which decides the encoder's outputs. */
    public ModelKind kind() {
        return bundle.manifest().kind();
    }

    /** The latent dimension L: the width of z. */
    public int latentDim() {
        return bundle.manifest().latentDim();
    }

    /** Where ONNX Runtime runs this model: the provider asked for, or the one chosen for auto. */
    public ExecutionProvider provider() {
        return provider;
    }

    /**
     * The names of the samplers this model offers: {@value LatentSampler#PRIOR} first, then those
     * stored in its bundle, such as {@code gmm}.
     */
    public List<String> samplers() {
        return List.copyOf(samplers.keySet());
    }

    /**
     * One of this model's samplers by name.
     *
     * @throws IllegalArgumentException naming the samplers it has, when it has none of that name
     */
    public LatentSampler sampler(String name) {
        LatentSampler sampler = samplers.get(name);
        if (sampler == null) {
            throw new IllegalArgumentException("model " + bundle.name() + " version " + bundle.version() + " has no sampler '" + name
                    + "'; its samplers are " + String.join(", ", samplers.keySet()));
        }
        return sampler;
    }

    /** {@code count} latents z ~ N(0, t^2 I), reproducible for a seed: the prior's. */
    public FloatMatrix sampleLatents(int count, long seed, double temperature) {
        return sampleLatents(LatentSampler.PRIOR, count, seed, temperature);
    }

    /**
     * {@code count} latents from the sampler named {@code sampler} at temperature {@code temperature}
     * (see {@link LatentSampler}), reproducible for a seed.
     */
    public FloatMatrix sampleLatents(String sampler, int count, long seed, double temperature) {
        LatentSampler chosen = sampler(sampler);
        long mostPerArray = MAX_VALUES / Math.max(latentDim(), Canvas.PIXELS);
        if (count > mostPerArray) {
            throw new IllegalArgumentException("count " + count + " is too large for one array of images; sample at most " + mostPerArray + " at a time");
        }
        return chosen.sample(count, seed, temperature);
    }

    /** Generated images: the decoder's outputs for latents from the prior. */
    public Decoding sample(int count, long seed, double temperature) {
        return sample(LatentSampler.PRIOR, count, seed, temperature);
    }

    /** Generated images: the decoder's outputs for latents from the sampler named {@code sampler}. */
    public Decoding sample(String sampler, int count, long seed, double temperature) {
        return decode(sampleLatents(sampler, count, seed, temperature));
    }

    /** Evaluation-mode encoding of binary images, such as the dataset's or {@link dev.shapesvae.dataset.Shape#draw}'s. */
    public Encoding encode(List<BinaryImage> images) {
        return encode(FloatMatrix.ofImages(images));
    }

    /** Evaluation-mode encoding of images [N, 784] with values in [0, 1]. */
    public Encoding encode(FloatMatrix images) {
        requireWidth(images, Canvas.PIXELS, "image");
        List<FloatMatrix> outputs = run(encoder, ModelKind.ENCODER_INPUT, images, kind().encoderOutputs(), latentDim());
        return new Encoding(outputs.get(0), kind() == ModelKind.VAE ? Optional.of(outputs.get(1)) : Optional.empty());
    }

    /** Decoding of latents [N, L]. */
    public Decoding decode(FloatMatrix latents) {
        requireWidth(latents, latentDim(), "latent");
        List<FloatMatrix> outputs = run(decoder, ModelKind.DECODER_INPUT, latents, ModelKind.DECODER_OUTPUTS, Canvas.PIXELS);
        return new Decoding(outputs.get(0), outputs.get(1));
    }

    /** Encode then decode (the VAE through its mean). */
    public Decoding reconstruct(FloatMatrix images) {
        return decode(encode(images).z());
    }

    /** Encode then decode binary images (the VAE through its mean). */
    public Decoding reconstruct(List<BinaryImage> images) {
        return reconstruct(FloatMatrix.ofImages(images));
    }

    /** Decodes copies of {@code base} with dimension {@code dim} set to each of {@code values}. */
    public Decoding traverse(float[] base, int dim, double[] values) {
        if (base.length != latentDim()) {
            throw new IllegalArgumentException("base latent has " + base.length + " values, expected " + latentDim());
        }
        if (dim < 0 || dim >= latentDim()) {
            throw new IllegalArgumentException("dim must be in 0.." + (latentDim() - 1) + ", got " + dim);
        }
        float[] z = new float[values.length * latentDim()];
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(base, 0, z, i * latentDim(), latentDim());
            z[i * latentDim() + dim] = (float) values[i];
        }
        return decode(new FloatMatrix(values.length, latentDim(), z));
    }

    private static void requireWidth(FloatMatrix m, int width, String what) {
        if (m.columns() != width) {
            throw new IllegalArgumentException(what + " rows must have " + width + " values, got " + m.columns());
        }
        if (m.rows() == 0) {
            throw new IllegalArgumentException("no " + what + "s given");
        }
    }

    private List<FloatMatrix> run(OrtSession session, String inputName, FloatMatrix input, List<String> outputNames, int outputWidth) {
        if (closed.get()) {
            throw new IllegalStateException("model " + bundle.name() + " version " + bundle.version() + " is closed");
        }
        List<List<FloatMatrix>> parts = new ArrayList<>();
        for (int from = 0; from < input.rows(); from += maxBatch) {
            FloatMatrix chunk = input.rows() <= maxBatch ? input : input.rows(from, Math.min(input.rows(), from + maxBatch));
            parts.add(runBatch(session, inputName, chunk, outputNames, outputWidth));
        }
        List<FloatMatrix> outputs = new ArrayList<>();
        for (int i = 0; i < outputNames.size(); i++) {
            int index = i;
            outputs.add(parts.size() == 1 ? parts.get(0).get(i) : FloatMatrix.concat(parts.stream().map(p -> p.get(index)).toList(), outputWidth));
        }
        return outputs;
    }

    private static List<FloatMatrix> runBatch(OrtSession session, String inputName, FloatMatrix input, List<String> outputNames, int width) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env(), FloatBuffer.wrap(input.data()), new long[] {input.rows(), input.columns()});
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            List<FloatMatrix> outputs = new ArrayList<>();
            for (String name : outputNames) {
                FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                outputs.add(new FloatMatrix(input.rows(), width, values));
            }
            return outputs;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    /** Releases both ONNX Runtime sessions; later calls of this do nothing, later inference is refused. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            try {
                encoder.close();
            } finally {
                decoder.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot release the sessions of " + bundle.name() + " version " + bundle.version() + ": " + e.getMessage(), e);
        }
    }
}
