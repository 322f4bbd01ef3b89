package dev.shapesvae.trainer.model;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.LossValues;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.trainer.data.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A model of SPEC section 2 as one TensorFlow graph and session: the training step (loss terms,
 * gradients from {@link Graph#addGradients}, Adam), the validation loss, and the evaluation-mode
 * encoder and decoder that the ONNX export must reproduce. It builds and runs the graph and reads
 * its variables; turning them into export weights and measuring steps are left to the export and
 * bench packages.
 *
 * <p>The training and validation images live in the graph as constants and each step feeds only
 * the minibatch's row indices, so no image data crosses from Java per step. All randomness
 * (initial weights, dropout masks, the VAE's epsilon, the AE's noise and prior samples) comes from
 * stateless ops keyed by (seed, step): a step's result depends on nothing but the weights, the
 * indices and the step number.
 *
 * <p>The config's precision sets the training step's arithmetic ({@link ComputeType}): in bf16 its
 * matrix products, bias adds, ReLUs and dropout run in bfloat16, while the weights stay float32
 * variables (the master copy Adam updates in float32) and the loss, with everything it computes
 * from the networks' outputs, is float32. The validation loss and the evaluation-mode encoder and
 * decoder are float32 in either precision: they measure and export the model as it is served.
 */
public final class ModelGraph implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float ADAM_EPSILON = 1e-8f;

    private final ModelConfig config;
    private final Graph graph;
    private final Session session;
    private final Network encoder;
    private final Network decoder;

    private final Placeholder<TInt32> trainIndices;
    private final Placeholder<TInt32> validIndices;
    private final Placeholder<TInt64> stepSeed;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;
    private final List<Operand<TFloat32>> trainLoss;
    private final List<Operand<TFloat32>> validLoss;
    private final List<Op> updates = new ArrayList<>();

    private final Placeholder<TFloat32> evalImages;
    private final List<Operand<TFloat32>> evalEncoded;
    private final Placeholder<TFloat32> evalLatents;
    private final Operand<TFloat32> evalLogits;
    private final Operand<TFloat32> evalProbs;

    /**
     * @param trainImages row-major [trainCount, 784] pixels the training step draws minibatches from
     * @param validImages row-major [validCount, 784] pixels for the validation loss
     */
    public ModelGraph(ModelConfig config, float[] trainImages, float[] validImages) {
        this(config, trainImages, validImages, Device.CPU);
    }

    /** A graph of a run's training data, whose session runs on {@code device}. */
    public ModelGraph(ModelConfig config, TrainingData data, Device device) {
        this(config, data.trainPixels(), data.validationPixels(), device);
    }

    /** A graph whose session runs on {@code device}. */
    public ModelGraph(ModelConfig config, float[] trainImages, float[] validImages, Device device) {
        // Refused here rather than by TensorFlow's allocator, which fails only after pages of log lines.
        ModelFootprint.of(config).requireFitsOnThisMachine();
        this.config = config;
        this.graph = new Graph();
        Ops tf = Ops.create(graph);
        Hyperparameters hp = config.hyperparameters();
        long seed = hp.seed();
        int latent = config.latentDim();
        boolean vae = config.kind() == ModelKind.VAE;

        encoder = Network.create(tf, "encoder", Canvas.PIXELS, config.architecture().encoderHidden(),
                vae ? List.of(latent, latent) : List.of(latent), config.architecture().dropout(),
                config.architecture().layerNorm(), seed, 0);
        decoder = Network.create(tf, "decoder", latent, config.architecture().decoderHidden(), List.of(Canvas.PIXELS),
                config.architecture().dropout(), config.architecture().layerNorm(), seed, 100);

        Operand<TFloat32> trainData = imageConstant(tf, trainImages);
        Operand<TFloat32> validData = imageConstant(tf, validImages);
        trainIndices = tf.withName("train_indices").placeholder(TInt32.class);
        validIndices = tf.withName("valid_indices").placeholder(TInt32.class);
        stepSeed = tf.withName("step_seed").placeholder(TInt64.class);
        beta1Power = tf.withName("beta1_power").placeholder(TFloat32.class);
        beta2Power = tf.withName("beta2_power").placeholder(TFloat32.class);

        trainLoss = lossTerms(tf, tf.gather(trainData, trainIndices, tf.constant(0)), new Randomness(stepSeed, tf.shape(trainIndices)), true,
                ComputeType.of(hp.precision()));
        validLoss = lossTerms(tf, tf.gather(validData, validIndices, tf.constant(0)), new Randomness(stepSeed, tf.shape(validIndices)), false,
                ComputeType.FLOAT32);
        buildAdam(tf, hp.learningRate());

        evalImages = tf.withName("eval_images").placeholder(TFloat32.class);
        evalEncoded = encoder.apply(tf, evalImages, Optional.empty(), ComputeType.FLOAT32);
        evalLatents = tf.withName("eval_latents").placeholder(TFloat32.class);
        evalLogits = decoder.apply(tf, evalLatents, Optional.empty(), ComputeType.FLOAT32).get(0);
        evalProbs = tf.math.sigmoid(evalLogits);

        session = new Session(graph, device.sessionConfig());
    }

    private static Operand<TFloat32> imageConstant(Ops tf, float[] pixels) {
        if (pixels.length % Canvas.PIXELS != 0 || pixels.length == 0) {
            throw new IllegalArgumentException("image matrix must hold a positive whole number of 784-pixel rows, got " + pixels.length + " values");
        }
        return tf.constant(Shape.of(pixels.length / Canvas.PIXELS, Canvas.PIXELS), DataBuffers.of(pixels, true, false));
    }

    /**
     * [reconstruction, weighted regulariser, total] for a batch x; dropout only on the training
     * path. The networks compute in {@code compute} and hand their outputs over as float32, so the
     * VAE's reparameterisation and KL term, the AE's noise and MMD, the sigmoid and the
     * reconstruction losses are float32 in every precision (the images are 0 or 1, exact in bfloat16).
     */
    private List<Operand<TFloat32>> lossTerms(Ops tf, Operand<TFloat32> x, Randomness random, boolean training, ComputeType<?> compute) {
        Hyperparameters hp = config.hyperparameters();
        int latent = config.latentDim();
        Optional<Randomness> encoderDropout = training ? Optional.of(random.stream(tf, 1)) : Optional.empty();
        Optional<Randomness> decoderDropout = training ? Optional.of(random.stream(tf, 2)) : Optional.empty();
        List<Operand<TFloat32>> encoded = encoder.apply(tf, x, encoderDropout, compute);
        Operand<TFloat32> reconstruction;
        Operand<TFloat32> regulariser;
        if (config.kind() == ModelKind.VAE) {
            Operand<TFloat32> mean = encoded.get(0);
            Operand<TFloat32> logvar = encoded.get(1);
            Operand<TFloat32> eps = random.normal(tf, 3, latent);
            Operand<TFloat32> z = tf.math.add(mean, tf.math.mul(tf.math.exp(tf.math.mul(logvar, tf.constant(0.5f))), eps));
            Operand<TFloat32> logits = decoder.apply(tf, z, decoderDropout, compute).get(0);
            reconstruction = Losses.bceWithLogits(tf, logits, x);
            regulariser = tf.math.mul(tf.constant((float) hp.regularisationWeight()), Losses.gaussianKl(tf, mean, logvar));
        } else {
            Operand<TFloat32> z = encoded.get(0);
            Operand<TFloat32> noise = tf.math.mul(random.normal(tf, 3, latent),
                    tf.constant((float) hp.latentNoise()));
            Operand<TFloat32> logits = decoder.apply(tf, tf.math.add(z, noise), decoderDropout, compute).get(0);
            reconstruction = Losses.meanSquaredError(tf, tf.math.sigmoid(logits), x);
            Operand<TFloat32> prior = random.normal(tf, 4, latent);
            regulariser = tf.math.mul(tf.constant((float) hp.regularisationWeight()),
                    Losses.mmdSquared(tf, z, prior, hp.mmdBandwidths()));
        }
        return List.of(reconstruction, regulariser, tf.math.add(reconstruction, regulariser));
    }

    private void buildAdam(Ops tf, double learningRate) {
        List<List<Variable<TFloat32>>> stages = new ArrayList<>(encoder.stages());
        stages.addAll(decoder.stages());
        List<Variable<TFloat32>> variables = stages.stream().flatMap(List::stream).toList();
        Output<?>[] xs = variables.stream().map(Variable::asOutput).toArray(Output<?>[]::new);
        // The gradients reach the float32 variables through the casts as float32. bfloat16 has
        // float32's exponent range, so none underflows where float32's would not: no loss scaling.
        Output<?>[] gradients = graph.addGradients(trainLoss.get(2).asOutput(), xs);
        List<Op> ready = new ArrayList<>();
        for (Output<?> g : gradients) {
            ready.add(tf.identity(g));
        }
        // The backward pass reads a stage's weights once more, to pass the gradient down to the
        // stage below; that product is an input of the lower stage's weight gradients. So a
        // stage's update waits for its own gradients and the lower stage's, and no longer: the
        // upper layers' updates overlap the rest of the backward pass without racing it.
        Operand<TFloat32> lr = tf.constant((float) learningRate);
        int first = 0;
        for (int s = 0; s < stages.size(); s++) {
            int size = stages.get(s).size();
            int lower = s == 0 ? 0 : stages.get(s - 1).size();
            Ops afterGradients = tf.withControlDependencies(ready.subList(first - lower, first + size));
            for (int i = first; i < first + size; i++) {
                Variable<TFloat32> v = variables.get(i);
                Variable<TFloat32> m = tf.variable(tf.zerosLike(v));
                Variable<TFloat32> sq = tf.variable(tf.zerosLike(v));
                @SuppressWarnings("unchecked")
                Operand<TFloat32> gradient = (Operand<TFloat32>) ready.get(i);
                updates.add(afterGradients.train.applyAdam(v, m, sq, beta1Power, beta2Power, lr, tf.constant(BETA1),
                        tf.constant(BETA2), tf.constant(ADAM_EPSILON), gradient));
            }
            first += size;
        }
    }

    /**
     * One Adam step on the minibatch of training rows {@code indices}; returns the loss terms the
     * step was taken on (before the update).
     *
     * @param step the 1-based global step: it sets Adam's bias correction and keys the step's randomness
     */
    public LossValues trainStep(int[] indices, long step) {
        return runTrainStep(indices, step, false, ModelGraph::losses);
    }

    /**
     * {@link #trainStep} with TensorFlow's tracing on (it updates the weights the same way): the
     * step's run metadata, which says where its time went.
     */
    public RunMetadata tracedTrainStep(int[] indices, long step) {
        return runTrainStep(indices, step, true, result -> result.getMetadata().orElseThrow());
    }

    private <T> T runTrainStep(int[] indices, long step, boolean trace, Function<Result, T> read) {
        try (TInt32 idx = TInt32.vectorOf(indices);
             TInt64 seed = TInt64.vectorOf(config.hyperparameters().seed(), step);
             TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(BETA1, step));
             TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(BETA2, step))) {
            Session.Runner runner = session.runner().feed(trainIndices, idx).feed(stepSeed, seed)
                    .feed(beta1Power, b1).feed(beta2Power, b2);
            trainLoss.forEach(runner::fetch);
            updates.forEach(runner::addTarget);
            if (trace) {
                runner.setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.SOFTWARE_TRACE).build());
            }
            try (Result result = trace ? runner.runAndFetchMetadata() : runner.run()) {
                return read.apply(result);
            }
        }
    }

    /** The loss on the validation rows {@code indices} in evaluation mode (no dropout), with fixed noise. */
    public LossValues validationLoss(int[] indices) {
        try (TInt32 idx = TInt32.vectorOf(indices);
             TInt64 seed = TInt64.vectorOf(config.hyperparameters().seed(), -1)) {
            Session.Runner runner = session.runner().feed(validIndices, idx).feed(stepSeed, seed);
            validLoss.forEach(runner::fetch);
            try (Result result = runner.run()) {
                return losses(result);
            }
        }
    }

    private static LossValues losses(Result result) {
        return new LossValues(((TFloat32) result.get(0)).getFloat(), ((TFloat32) result.get(1)).getFloat(),
                ((TFloat32) result.get(2)).getFloat());
    }

    /** Evaluation-mode encoder outputs for {@code count} images: [mean, logvar] for a VAE, [z] for an AE, each [count, L]. */
    public List<float[]> encode(float[] images, int count) {
        return run(evalImages, images, count, Canvas.PIXELS, evalEncoded);
    }

    /** Evaluation-mode decoder outputs for {@code count} latents: [logits, probs], each [count, 784]. */
    public List<float[]> decode(float[] latents, int count) {
        return run(evalLatents, latents, count, config.latentDim(), List.of(evalLogits, evalProbs));
    }

    private List<float[]> run(Placeholder<TFloat32> input, float[] values, int rows, int width, List<Operand<TFloat32>> outputs) {
        if (values.length != rows * width) {
            throw new IllegalArgumentException("expected " + rows + " x " + width + " values, got " + values.length);
        }
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(rows, width), DataBuffers.of(values, true, false))) {
            Session.Runner runner = session.runner().feed(input, in);
            outputs.forEach(runner::fetch);
            try (Result result = runner.run()) {
                List<float[]> out = new ArrayList<>();
                for (int i = 0; i < outputs.size(); i++) {
                    out.add(read((TFloat32) result.get(i)));
                }
                return out;
            }
        }
    }

    /** The encoder network: its layers' variables, to be read with {@link #value}. */
    public Network encoder() {
        return encoder;
    }

    /** The decoder network: its layers' variables, to be read with {@link #value}. */
    public Network decoder() {
        return decoder;
    }

    /** The current value of one of this graph's variables, row-major. */
    public float[] value(Variable<TFloat32> variable) {
        try (Result result = session.runner().fetch(variable).run()) {
            return read((TFloat32) result.get(0));
        }
    }

    private static float[] read(TFloat32 tensor) {
        float[] values = new float[(int) tensor.shape().size()];
        tensor.copyTo(DataBuffers.of(values, false, false));
        return values;
    }

    /** Writes every variable (weights and Adam's moments) under a checkpoint prefix. */
    public void save(java.nio.file.Path prefix) {
        session.save(prefix.toString());
    }

    /** Replaces every variable with the values saved under a checkpoint prefix. */
    public void restore(java.nio.file.Path prefix) {
        session.restore(prefix.toString());
    }

    public ModelConfig config() {
        return config;
    }

    /** Total number of trainable parameters: the elements of every variable the optimiser updates, in both networks. */
    public long parameterCount() {
        return Stream.of(encoder, decoder).flatMap(n -> n.variables().stream()).mapToLong(v -> v.shape().size()).sum();
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
