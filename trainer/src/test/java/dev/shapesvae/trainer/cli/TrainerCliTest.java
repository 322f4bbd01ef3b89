package dev.shapesvae.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.shapesvae.cli.Cli;
import dev.shapesvae.trainer.config.ConfigOverrides;
import dev.shapesvae.trainer.config.ConfigResolver;
import dev.shapesvae.trainer.model.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input to {@code trainer fit}: a specific message, a non-zero exit, and no bundle. */
class TrainerCliTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int fit(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "fit";
        all[1] = "--models";
        all[2] = dir.resolve("models").toString();
        all[3] = "--runs";
        all[4] = dir.resolve("runs").toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return Cli.run(new TrainerCli(), new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    private void assertNoBundle() {
        assertThat(dir.resolve("models").resolve("m")).doesNotExist();
    }

    @Test
    void benchPrintsARowAndAProfilePerPresetAndPrecisionAndRefusesBadValues() {
        assertThat(Cli.run(new TrainerCli(), new PrintWriter(out, true), new PrintWriter(err, true),
                "bench", "--presets", "quick-ae", "--seconds", "0.2", "--dropout", "0", "--profile", "2", "--precision", "fp32,bf16"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("dropout 0.0 in every preset").containsPattern("quick-ae +fp32 +128 +1070080 +\\d+")
                .containsPattern("quick-ae +bf16 +128 +1070080 +\\d+")
                .contains("quick-ae in fp32, 2 traced steps").containsPattern("MatMul float32 +\\d+\\.\\d\\d ms/step +\\d+\\.\\d %")
                .contains("quick-ae in bf16, 2 traced steps").containsPattern("MatMul bfloat16 +\\d+\\.\\d\\d ms/step +\\d+\\.\\d %");
        // Each row, then its profile.
        assertThat(out.toString()).containsPattern("(?s)quick-ae +fp32 .*quick-ae in fp32, .*quick-ae +bf16 .*quick-ae in bf16, ");
        assertThat(Cli.run(new TrainerCli(), new PrintWriter(out, true), new PrintWriter(err, true),
                "bench", "--presets", "quick-ae", "--precision", "fp32,fp16")).isEqualTo(1);
        assertThat(err.toString()).contains("--precision: unknown precision 'fp16' (expected fp32 or bf16)");
        assertThat(Cli.run(new TrainerCli(), new PrintWriter(out, true), new PrintWriter(err, true),
                "bench", "--presets", "quick-ae", "--profile", "-1")).isEqualTo(1);
        assertThat(err.toString()).contains("--profile must be a number of steps, 0 or more, got -1");
        assertThat(Cli.run(new TrainerCli(), new PrintWriter(out, true), new PrintWriter(err, true),
                "bench", "--presets", "quick-ae", "--dropout", "1.5")).isEqualTo(1);
        assertThat(err.toString()).contains("dropout must be in [0, 1), got 1.5");
    }

    @Test
    void benchPlacementSaysWhereTheMatrixProductsRan() {
        assertThat(Cli.run(new TrainerCli(), new PrintWriter(out, true), new PrintWriter(err, true),
                "bench", "--presets", "quick-ae", "--seconds", "0.1", "--device", "cpu", "--placement")).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("  quick-ae placement: MatMul nodes by device: CPU:0 \\d+ \\(all on the cpu\\)\\R");
    }

    @Test
    void unknownPreset() {
        assertThat(fit("--name", "m", "--preset", "huge-vae")).isEqualTo(1);
        assertThat(err.toString()).contains("error: unknown preset 'huge-vae' (choose one of paper-vae, paper-ae, paper-ae-lr0.0003-e400, paper-ae-lr0.0003-e600, vae-best, ae-best, quick-vae, quick-ae)");
        assertNoBundle();
    }

    @Test
    void unknownFlag() {
        assertThat(fit("--name", "m", "--epoch", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--epoch'").contains("Possible solutions: --epochs");
    }

    @Test
    void nonPositiveSizeOrRate() {
        assertThat(fit("--name", "m", "--epochs", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("error: invalid config: epochs must be positive, got 0");
        assertThat(fit("--name", "m", "--lr", "-0.1")).isEqualTo(1);
        assertThat(err.toString()).contains("learning rate must be a positive number, got -0.1");
        assertThat(fit("--name", "m", "--encoder-hidden", "64,0")).isEqualTo(1);
        assertThat(err.toString()).contains("encoder hidden width must be positive, got 0");
        assertThat(fit("--name", "m", "--dropout", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("dropout must be in [0, 1), got 1.0");
        assertNoBundle();
    }

    @Test
    void anUnknownPrecisionIsOneLineFromTheFlagOrTheFile() throws IOException {
        assertThat(fit("--name", "m", "--precision", "fp16")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --precision: unknown precision 'fp16' (expected fp32 or bf16)" + System.lineSeparator());
        err.getBuffer().setLength(0);
        Path config = Files.writeString(dir.resolve("half.yaml"), "hyperparameters:\n  precision: half\n");
        assertThat(fit("--name", "m", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: invalid config: unknown precision 'half' (expected fp32 or bf16)" + System.lineSeparator());
        assertNoBundle();
    }

    @Test
    void configFileThatDoesNotParse() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "hyperparameters:\n  epochs: [1,\n");
        assertThat(fit("--name", "m", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("bad.yaml: config does not parse as YAML");
        Path unknown = Files.writeString(dir.resolve("unknown.yaml"), "hyperparameters:\n  epoch: 3\n");
        assertThat(fit("--name", "m", "--config", unknown.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("unknown.yaml: unknown field 'hyperparameters.epoch'");
        assertNoBundle();
    }

    @Test
    void configFileOverridesThePresetAndFlagsOverrideTheFile() throws IOException {
        Path config = Files.writeString(dir.resolve("c.yaml"), "preset: quick-ae\nlatentDim: 4\nhyperparameters:\n  epochs: 7\n  seed: 3\n");
        var resolved = ConfigResolver.resolve(Optional.empty(), Optional.of(config), ConfigOverrides.none());
        assertThat(resolved.kind().label()).isEqualTo("ae");
        assertThat(resolved.latentDim()).isEqualTo(4);
        assertThat(resolved.hyperparameters().epochs()).isEqualTo(7);
        assertThat(resolved.hyperparameters().batchSize()).isEqualTo(128);

        // A flag over a field the file sets, one over a field it leaves to the preset, and one it does not give.
        ConfigOverrides flags = new ConfigOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(32), Optional.of(9), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        var overridden = ConfigResolver.resolve(Optional.empty(), Optional.of(config), flags);
        assertThat(overridden.hyperparameters().epochs()).isEqualTo(9);
        assertThat(overridden.hyperparameters().batchSize()).isEqualTo(32);
        assertThat(overridden.hyperparameters().seed()).isEqualTo(3);
        assertThat(overridden.latentDim()).isEqualTo(4);
        assertThat(overridden.kind().label()).isEqualTo("ae");
    }

    @Test
    void outputFolderThatCannotBeWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        int code = Cli.run(new TrainerCli(), new PrintWriter(out, true), new PrintWriter(err, true),
                "fit", "--name", "m", "--models", file.resolve("models").toString(), "--runs", dir.resolve("runs").toString(),
                "--epochs", "1", "--encoder-hidden", "8", "--decoder-hidden", "8");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("cannot create the model repository folder");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aGpuThatIsNotThereIsOneLineSayingWhatToDo() {
        assumeFalse(Device.gpuAvailable(), "this build sees a GPU");
        assertThat(fit("--name", "m", "--device", "gpu", "--epochs", "1")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --device gpu: TensorFlow sees no GPU. Build with 'mvn -Pgpu package' (CUDA natives) "
                + "on a machine with an NVIDIA driver, or use --device cpu" + System.lineSeparator());
        assertNoBundle();
    }

    @Test
    void invalidNameAndDevice() {
        assertThat(fit("--name", "../m")).isEqualTo(1);
        assertThat(err.toString()).contains("invalid model name '../m'");
        assertThat(fit("--name", "m", "--device", "tpu")).isEqualTo(1);
        assertThat(err.toString()).contains("--device must be auto, cpu or gpu, got 'tpu'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fit", "fit-sampler", "export", "bench"})
    void helpWorksOnEverySubcommandWithoutItsRequiredOptions(String subcommand) {
        assertThat(subcommand.isEmpty() ? trainer("--help") : trainer(subcommand, "--help")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith(("Usage: trainer " + subcommand).trim() + " ").contains("--verbose").contains("--version");
        assertThat(err.toString()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fit", "fit-sampler", "export", "bench"})
    void versionIsTheProgramsOnEverySubcommand(String subcommand) {
        assertThat(subcommand.isEmpty() ? trainer("--version") : trainer(subcommand, "--version")).isZero();
        assertThat(out.toString()).startsWith("shapes-vae ").contains("Java ");
    }

    @Test
    void fitHelpListsItsOptions() {
        assertThat(trainer("fit", "--help")).isZero();
        assertThat(out.toString()).contains("--preset").contains("--resume").contains("--config");
    }

    @Test
    void configValuesOfTheWrongTypeNameTheirField() throws IOException {
        Path fraction = Files.writeString(dir.resolve("fraction.yaml"), "latentDim: 3.7\n");
        assertThat(fit("--name", "m", "--config", fraction.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: " + fraction + ": field 'latentDim' must be a whole number, got 3.7" + System.lineSeparator());
        err.getBuffer().setLength(0);
        Path text = Files.writeString(dir.resolve("text.yaml"), "latentDim: abc\n");
        assertThat(fit("--name", "m", "--config", text.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: " + text + ": field 'latentDim' must be a whole number, got \"abc\"" + System.lineSeparator());
        err.getBuffer().setLength(0);
        Path nested = Files.writeString(dir.resolve("nested.yaml"), "architecture:\n  encoderHidden: [64, 2.5]\n  layerNorm: maybe\n");
        assertThat(fit("--name", "m", "--config", nested.toString())).isEqualTo(1);
        assertThat(err.toString()).containsPattern("field 'architecture\\.(encoderHidden\\[1\\]' must be a whole number, got 2\\.5"
                + "|layerNorm' must be true or false, got \"maybe\")").hasLineCount(1);
        assertNoBundle();
    }

    private int trainer(String... args) {
        return Cli.run(new TrainerCli(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void resumeRefusesFlagsThatWouldChangeTheModel() {
        assertThat(fit("--name", "m", "--resume", "--latent", "3")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --resume continues a run with the config it started with, so --latent is refused; "
                + "with --resume only --device, --checkpoint-every and the gmm flags may change" + System.lineSeparator());
        assertThat(fit("--name", "m", "--resume", "--preset", "quick-ae", "--lambda", "2")).isEqualTo(1);
        assertThat(err.toString()).contains("so --preset, --beta/--lambda/--reg-weight are refused");
        // The precision changes the weights a step computes, so a run resumes in the one it started in.
        err.getBuffer().setLength(0);
        assertThat(fit("--name", "m", "--resume", "--precision", "bf16")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --resume continues a run with the config it started with, so --precision is refused; "
                + "with --resume only --device, --checkpoint-every and the gmm flags may change" + System.lineSeparator());
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void resumeTakesVerboseAndTheGmmFlagsBecauseTheyChangeOnlyWhatIsPrintedOrStoredBesideTheModel() {
        // No run exists, so resume stops at finding none: past the check of its flags.
        assertThat(fit("--name", "m", "--resume", "--verbose")).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: --resume: no run of 'm'").doesNotContain("refused");
        err.getBuffer().setLength(0);
        assertThat(fit("--name", "m", "--resume", "--no-gmm")).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: --resume: no run of 'm'").doesNotContain("refused");
        err.getBuffer().setLength(0);
        assertThat(fit("--name", "m", "--resume", "--gmm-components", "1,2")).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: --resume: no run of 'm'").doesNotContain("refused");
    }

    @Test
    void gmmFlagsThatCannotBeHonouredAreRefusedBeforeTraining() {
        assertThat(fit("--name", "m", "--no-gmm", "--gmm-components", "2")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --gmm-components chooses among mixtures, so it cannot go with --no-gmm" + System.lineSeparator());
        err.getBuffer().setLength(0);
        assertThat(fit("--name", "m", "--gmm-components", "4,0")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: a number of components must be between 1 and 1024, got 0" + System.lineSeparator());
        assertThat(dir.resolve("runs")).doesNotExist();
        assertNoBundle();
    }

    @Test
    void aLatentTooLargeForMemoryIsRefusedBeforeTensorFlowStarts() {
        // --device gpu would start TensorFlow to look for a GPU (and fail here without one): the size is refused first.
        assertThat(fit("--name", "m", "--latent", "2000000000", "--device", "gpu")).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: latent dimension 2000000000 (--latent, latentDim) is too large: training would need at least ")
                .contains("of memory for ").doesNotContain("GPU").hasLineCount(1);
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aRunsFolderThatCannotBeCreatedIsOneLineNamingTheFlag() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        int code = Cli.run(new TrainerCli(), new PrintWriter(out, true), new PrintWriter(err, true), "fit", "--name", "m",
                "--models", dir.resolve("models").toString(), "--runs", file.resolve("runs").toString(), "--device", "cpu",
                "--epochs", "1", "--encoder-hidden", "8", "--decoder-hidden", "8");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: --runs " + file.resolve("runs") + ": cannot create the run folder ("
                + file.resolve("runs/m") + ": Not a directory); give a writable folder with --runs" + System.lineSeparator());
    }

    @Test
    void exportOfACheckpointWithoutItsVariablesIsOneLine() throws IOException {
        assertThat(fit("--name", "m", "--device", "cpu", "--epochs", "1", "--encoder-hidden", "8", "--decoder-hidden", "8",
                "--batch-size", "1024", "--checkpoint-every", "1", "--no-gmm")).as(err.toString()).isZero();
        Path checkpoints;
        try (Stream<Path> runs = Files.list(dir.resolve("runs/m"))) {
            checkpoints = runs.findFirst().orElseThrow().resolve("checkpoints");
        }
        Path checkpoint = checkpoints.resolve(Files.readString(checkpoints.resolve("latest")).trim());
        try (Stream<Path> files = Files.list(checkpoint)) {
            for (Path variables : files.filter(f -> f.getFileName().toString().startsWith("variables")).toList()) {
                Files.delete(variables);
            }
        }
        assertThat(trainer("export", "--checkpoint", checkpoint.toString(), "--name", "m", "--models", dir.resolve("models").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("error: " + checkpoint + ": the checkpoint's variables cannot be restored (").hasLineCount(1);
    }
}
