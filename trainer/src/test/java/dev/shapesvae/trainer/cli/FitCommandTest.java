package dev.shapesvae.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import dev.shapesvae.cli.Cli;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.inference.Encoding;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.Architecture;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.repository.Precision;
import dev.shapesvae.testing.CliRun;
import dev.shapesvae.testing.ReferenceMlp;
import dev.shapesvae.trainer.fit.Checkpoints;
import dev.shapesvae.trainer.model.ModelGraph;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trainer fit} and {@code trainer export} as a user runs them, on tiny networks: every
 * flag that shapes the model reaches it, checkpoints come every {@code --checkpoint-every}
 * epochs, a checkpoint exports as the model it holds, and Ctrl-C stops with a checkpoint that
 * {@code --resume} finishes.
 */
@Timeout(300)
class FitCommandTest {
    private static final String[] TINY = {"--device", "cpu", "--encoder-hidden", "8", "--decoder-hidden", "8"};

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int trainer(String... args) {
        return Cli.run(new TrainerCli(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private int fit(String name, String... args) {
        return trainer(fitArguments(name, args));
    }

    /** {@code trainer fit} of a tiny model into this test's folders, with {@code args} added. */
    private String[] fitArguments(String name, String... args) {
        List<String> all = new ArrayList<>(List.of("fit", "--name", name, "--models", models().root().toString(), "--runs", dir.resolve("runs").toString()));
        all.addAll(List.of(TINY));
        // 7042 training images in batches of 1024: 7 steps an epoch.
        all.addAll(List.of("--batch-size", "1024"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private ModelRepository models() {
        return new ModelRepository(dir.resolve("models"));
    }

    private Path onlyRun(String name) throws IOException {
        try (Stream<Path> runs = Files.list(dir.resolve("runs").resolve(name))) {
            List<Path> all = runs.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    /** A column of history.csv, by header name. */
    private static List<String> column(ModelBundle bundle, String name) throws IOException {
        List<String> lines = Files.readAllLines(bundle.directory().resolve("history.csv"));
        int index = List.of(lines.get(0).split(",")).indexOf(name);
        assertThat(index).as(name).isNotNegative();
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)[index]).toList();
    }

    private static OnnxMl.GraphProto graph(Path onnx) throws IOException {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx)).getGraph();
    }

    private static long width(OnnxMl.ValueInfoProto value) {
        return value.getType().getTensorType().getShape().getDim(1).getDimValue();
    }

    @Test
    void everyFlagThatShapesTheModelReachesIt() throws IOException {
        assertThat(fit("ae", "--preset", "quick-ae", "--latent", "3", "--layer-norm", "--sigma-n", "0.37", "--mmd-bandwidths", "0.7,2",
                "--lambda", "0.25", "--seed", "11", "--dropout", "0.05", "--lr", "0.002", "--epochs", "1", "--validate-every", "1"))
                .as(err.toString()).isZero();
        ModelBundle ae = models().load("ae");
        assertThat(ae.manifest().config()).isEqualTo(new ModelConfig(ModelKind.AE, 3, new Architecture(List.of(8), List.of(8), 0.05, true),
                new Hyperparameters(0.002, 1024, 1, 0.25, 0.37, List.of(0.7, 2.0), 11, 1)));
        // The exported graphs agree, read with ONNX's own schema: latent 3, a layer norm in each network.
        OnnxMl.GraphProto encoder = graph(ae.encoderPath());
        OnnxMl.GraphProto decoder = graph(ae.decoderPath());
        assertThat(encoder.getOutputList()).singleElement().satisfies(z -> assertThat(width(z)).isEqualTo(3));
        assertThat(width(decoder.getInput(0))).isEqualTo(3);
        assertThat(encoder.getNodeList()).anySatisfy(n -> assertThat(n.getOpType()).isEqualTo("LayerNormalization"));
        assertThat(decoder.getNodeList()).anySatisfy(n -> assertThat(n.getOpType()).isEqualTo("LayerNormalization"));
        assertThat(column(ae, "train_regulariser")).allSatisfy(v -> assertThat(Double.parseDouble(v)).isPositive());

        // --beta reaches the training itself: with beta 0 the regulariser is 0 in every row.
        assertThat(fit("vae", "--preset", "quick-vae", "--beta", "0", "--latent", "2", "--epochs", "1")).as(err.toString()).isZero();
        ModelBundle vae = models().load("vae");
        assertThat(vae.manifest().config().hyperparameters().regularisationWeight()).isZero();
        assertThat(vae.manifest().latentDim()).isEqualTo(2);
        assertThat(column(vae, "train_regulariser")).isNotEmpty().allSatisfy(v -> assertThat(Double.parseDouble(v)).isZero());
        assertThat(column(vae, "validation_regulariser")).isNotEmpty().allSatisfy(v -> assertThat(Double.parseDouble(v)).isZero());
    }

    /**
     * A fit in bf16 as a user runs it: the loss falls, the run and its model say bf16, and the
     * exported graphs, float32 like every model's, compute what the training graph's float32
     * evaluation path computes on the weights of the run's last checkpoint.
     */
    @Test
    void aBf16FitLowersTheLossAndExportsAFloat32ModelThatAgreesWithTheGraph() throws IOException {
        // The log goes to the process's standard error, which CliRun reads.
        CliRun.Result result = CliRun.run(new TrainerCli(), fitArguments("m", "--preset", "quick-vae", "--latent", "2", "--epochs", "4",
                "--precision", "bf16"));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains(", seed 1, bf16; ").containsPattern("trained 4 epochs in \\d+\\.\\d s \\(\\d+ samples/s\\) in bf16; ");
        ModelBundle bundle = models().load("m");
        ModelConfig config = bundle.manifest().config();
        assertThat(config.hyperparameters().precision()).isEqualTo(Precision.BF16);
        assertThat(bundle.directory().resolve("config.yaml")).content().contains("precision: \"bf16\"");
        List<Double> train = column(bundle, "train_total").stream().map(Double::parseDouble).toList();
        assertThat(train).hasSize(4);
        assertThat(train.get(3)).isLessThan(train.get(0));
        for (Path onnx : List.of(bundle.encoderPath(), bundle.decoderPath())) {
            assertThat(graph(onnx).getInput(0).getType().getTensorType().getElemType()).isEqualTo(OnnxMl.TensorProto.DataType.FLOAT_VALUE);
        }

        float[] images = ShapesDataset.standard().pixels(new int[] {5, 500, 5000});
        float[] latents = {0.5f, -1f, 2f, 0.25f};
        try (GenerativeModel onnx = GenerativeModel.load(bundle, InferenceOptions.cpu());
             ModelGraph graph = new ModelGraph(config, images, images)) {
            new Checkpoints(onlyRun("m")).latest().orElseThrow().restoreInto(graph);
            Encoding encoded = onnx.encode(new FloatMatrix(3, Canvas.PIXELS, images));
            List<float[]> expected = graph.encode(images, 3);
            ReferenceMlp.assertAgrees(encoded.z().data(), doubles(expected.get(0)), "mean");
            ReferenceMlp.assertAgrees(encoded.logvar().orElseThrow().data(), doubles(expected.get(1)), "logvar");
            ReferenceMlp.assertAgrees(onnx.decode(new FloatMatrix(2, 2, latents)).logits().data(), doubles(graph.decode(latents, 2).get(0)), "logits");
        }
    }

    private static double[] doubles(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    /** The log a user reads is the same in every locale: 1.5 s, not 1,5 s under Germany's. */
    @Test
    void theLogWritesNumbersTheSameWhateverTheLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        CliRun.Result result;
        try {
            result = CliRun.run(new TrainerCli(), "fit", "--name", "m", "--models", models().root().toString(), "--runs", dir.resolve("runs").toString(),
                    "--preset", "quick-ae", "--latent", "2", "--epochs", "1", "--batch-size", "1024", "--device", "cpu", "--encoder-hidden", "8",
                    "--decoder-hidden", "8", "--lr", "0.0015");
        } finally {
            Locale.setDefault(before);
        }
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains(", lr 0.0015, ").containsPattern("epoch +1/1 +train \\d+\\.\\d+ \\(rec \\d+\\.\\d+")
                .containsPattern("trained 1 epochs in \\d+\\.\\d s \\(\\d+ samples/s\\)");
    }

    @Test
    void checkpointsComeEveryCheckpointEveryEpochsAndExportAsTheModelTheyHold() throws IOException {
        assertThat(fit("m", "--preset", "quick-vae", "--latent", "2", "--epochs", "5", "--checkpoint-every", "3")).as(err.toString()).isZero();
        // Epoch 3 (step 21) and the last (step 35); with every epoch the two kept would be steps 28 and 35.
        Path checkpoints = onlyRun("m").resolve("checkpoints");
        try (Stream<Path> saved = Files.list(checkpoints)) {
            assertThat(saved.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("step-000000021", "step-000000035", "latest");
        }
        assertThat(checkpoints.resolve("latest")).hasContent("step-000000035");

        out.getBuffer().setLength(0);
        assertThat(trainer("export", "--checkpoint", checkpoints.resolve("step-000000035").toString(), "--name", "m",
                "--models", models().root().toString())).as(err.toString()).isZero();
        assertThat(trainer("export", "--checkpoint", checkpoints.resolve("step-000000021").toString(), "--name", "m",
                "--models", models().root().toString())).as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly(models().root().resolve("m/2").toString(), models().root().resolve("m/3").toString());

        ModelBundle trained = models().load("m", 1);
        ModelBundle last = models().load("m", 2);
        ModelBundle third = models().load("m", 3);
        assertThat(last.manifest().config()).isEqualTo(trained.manifest().config());
        assertThat(last.manifest().training().epochs()).isEqualTo(5);
        assertThat(third.manifest().training().epochs()).isEqualTo(3);
        List<String> history = Files.readAllLines(trained.directory().resolve("history.csv"));
        assertThat(Files.readAllLines(last.directory().resolve("history.csv"))).isEqualTo(history);
        assertThat(Files.readAllLines(third.directory().resolve("history.csv"))).isEqualTo(history.subList(0, 4));

        // The same weights give the same outputs; epoch 3's give others.
        FloatMatrix images = new FloatMatrix(3, Canvas.PIXELS, ShapesDataset.standard().pixels(new int[] {5, 500, 5000}));
        try (GenerativeModel a = GenerativeModel.load(trained, InferenceOptions.cpu());
             GenerativeModel b = GenerativeModel.load(last, InferenceOptions.cpu());
             GenerativeModel c = GenerativeModel.load(third, InferenceOptions.cpu())) {
            assertThat(b.encode(images).z()).isEqualTo(a.encode(images).z());
            assertThat(b.sample(4, 1, 1).logits()).isEqualTo(a.sample(4, 1, 1).logits());
            assertThat(c.sample(4, 1, 1).logits()).isNotEqualTo(a.sample(4, 1, 1).logits());
        }
    }

    /**
     * Ctrl-C as a terminal sends it: SIGINT to a {@code trainer fit} of its own, once the run has
     * started. The run writes a checkpoint, exits 130 (128 + SIGINT, what shells expect of a
     * program stopped by Ctrl-C) and writes no model; {@code --resume} then finishes it.
     */
    @Test
    void ctrlCWritesACheckpointAndExits130AndResumeFinishesTheRun() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), TrainerCli.class.getName(),
                "fit", "--name", "m", "--models", models().root().toString(), "--runs", dir.resolve("runs").toString(),
                "--preset", "quick-vae", "--latent", "2", "--epochs", "3"));
        command.addAll(List.of(TINY));
        // Batches of 64: 111 steps an epoch, so the run is still training when the signal comes.
        command.addAll(List.of("--batch-size", "64"));
        Process fit = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        List<String> lines = new ArrayList<>();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(fit.getInputStream(), StandardCharsets.UTF_8));
            // "run <folder> on cpu: ..." comes once the handler that writes the checkpoint is installed.
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.add(line);
                if (line.startsWith("run ") && line.contains(" on cpu: ")) {
                    break;
                }
            }
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(fit.pid())).start().waitFor()).isZero();
            assertThat(fit.waitFor(120, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.add(line);
            }
        } finally {
            fit.destroyForcibly();
        }
        String log = String.join("\n", lines);
        assertThat(fit.exitValue()).as(log).isEqualTo(130);
        assertThat(log).containsPattern("stopped (at|after) epoch \\d.*; checkpoint .* \\(resume with --resume\\)");
        assertThat(new dev.shapesvae.trainer.fit.Checkpoints(onlyRun("m")).any()).isTrue();
        assertThat(models().root().resolve("m")).doesNotExist();

        assertThat(trainer("fit", "--name", "m", "--models", models().root().toString(), "--runs", dir.resolve("runs").toString(),
                "--resume", "--device", "cpu")).as(err.toString()).isZero();
        ModelBundle finished = models().load("m");
        assertThat(finished.manifest().training().epochs()).isEqualTo(3);
        assertThat(finished.manifest().config().hyperparameters().batchSize()).isEqualTo(64);
        assertThat(Files.readAllLines(finished.directory().resolve("history.csv"))).hasSize(4);
    }
}
