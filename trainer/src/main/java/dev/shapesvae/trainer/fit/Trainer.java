package dev.shapesvae.trainer.fit;

import dev.shapesvae.cli.ProgressBar;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.LossValues;
import dev.shapesvae.repository.TrainingHistory;
import dev.shapesvae.trainer.data.TrainingData;
import dev.shapesvae.trainer.model.ModelGraph;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The training loop: reshuffled minibatches every epoch, an Adam step per batch, the validation
 * loss every {@code validationEvery} epochs and at the end, {@code history.csv} row by row, a
 * checkpoint every {@code checkpointEvery} epochs and at the end, and a progress bar. It stops
 * cleanly between steps when asked (writing a checkpoint first), and stops on a non-finite loss
 * without overwriting the last good checkpoint.
 */
public final class Trainer {
    private final ModelGraph graph;
    private final TrainingData data;
    private final TrainingHistory history;
    private final Checkpoints checkpoints;
    private final int checkpointEvery;
    private final PrintStream log;
    private final Hyperparameters hp;

    public Trainer(ModelGraph graph, TrainingData data, TrainingHistory history, Checkpoints checkpoints, int checkpointEvery,
            PrintStream log) {
        if (checkpointEvery <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be positive, got " + checkpointEvery);
        }
        this.graph = graph;
        this.data = data;
        this.history = history;
        this.checkpoints = checkpoints;
        this.checkpointEvery = checkpointEvery;
        this.log = log;
        this.hp = graph.config().hyperparameters();
    }

    /** The order of the training rows in an epoch: a shuffle keyed by (seed, epoch) alone. */
    static int[] permutation(long seed, int epoch, int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Trains from {@code start} until the configured epochs are done or {@code stop} is set. */
    public TrainingOutcome run(CheckpointState start, BooleanSupplier stop) throws IOException {
        int batchesPerEpoch = (data.trainRows() + hp.batchSize() - 1) / hp.batchSize();
        ProgressBar progress = new ProgressBar(log, "training", (long) hp.epochs() * batchesPerEpoch);
        TrainingClock clock = new TrainingClock(start.trainSeconds());
        CheckpointState state = start;
        Path checkpoint = null;
        while (state.epochsDone() < hp.epochs()) {
            int[] order = permutation(hp.seed(), state.epochsDone(), data.trainRows());
            while (state.batchesDone() < batchesPerEpoch) {
                int[] indices = batch(order, state.batchesDone());
                long step = state.step() + 1;
                LossValues loss = clock.timeStep(indices.length, () -> graph.trainStep(indices, step));
                if (!Double.isFinite(loss.total())) {
                    progress.clearLine();
                    throw new TrainingDiverged(String.format(Locale.ROOT,
                            "the loss became %s at epoch %d (step %d); training stopped and the last good checkpoint %s was kept",
                            loss.total(), state.epochsDone() + 1, step, checkpoint == null ? "(none yet)" : checkpoint));
                }
                state = state.afterStep(loss, indices.length);
                progress.update((long) state.epochsDone() * batchesPerEpoch + state.batchesDone(), String.format(Locale.ROOT,
                        "epoch %d/%d loss %.4g", state.epochsDone() + 1, hp.epochs(), state.epochTotals().mean().total()));
                if (stop.getAsBoolean() && state.batchesDone() < batchesPerEpoch) {
                    progress.clearLine();
                    state = state.withTrainSeconds(clock.seconds());
                    checkpoint = checkpoints.save(graph, state);
                    log.printf("stopped at epoch %d, batch %d/%d; checkpoint %s (resume with --resume)%n",
                            state.epochsDone() + 1, state.batchesDone(), batchesPerEpoch, checkpoint);
                    return new TrainingOutcome(false, state, checkpoint, clock.samplesPerSecond());
                }
            }
            state = endEpoch(state, clock, progress);
            boolean finished = state.epochsDone() == hp.epochs();
            boolean stopping = stop.getAsBoolean();
            if (state.epochsDone() % checkpointEvery == 0 || finished || stopping) {
                checkpoint = checkpoints.save(graph, state);
            }
            if (stopping && !finished) {
                progress.clearLine();
                log.printf("stopped after epoch %d; checkpoint %s (resume with --resume)%n", state.epochsDone(), checkpoint);
                return new TrainingOutcome(false, state, checkpoint, clock.samplesPerSecond());
            }
        }
        return new TrainingOutcome(true, state, checkpoint, clock.samplesPerSecond());
    }

    /** The training rows of batch {@code b} of an epoch in that order; the last batch takes what is left. */
    private int[] batch(int[] order, int b) {
        return Arrays.copyOfRange(order, b * hp.batchSize(), Math.min(order.length, (b + 1) * hp.batchSize()));
    }

    /** Ends an epoch: the validation loss when it is due, the history row, and a log line when validated. */
    private CheckpointState endEpoch(CheckpointState state, TrainingClock clock, ProgressBar progress) throws IOException {
        int epoch = state.epochsDone() + 1;
        Optional<LossValues> validation = epoch % hp.validationEvery() == 0 || epoch == hp.epochs()
                ? Optional.of(validationLoss()) : Optional.empty();
        CheckpointState ended = state.afterEpoch(validation, clock.seconds());
        history.append(new TrainingHistory.Row(epoch, ended.lastTrain(), validation, ended.trainSeconds()));
        if (validation.isPresent()) {
            progress.clearLine();
            log.printf(Locale.ROOT, "epoch %4d/%d  train %s  validation %s  %s%n", epoch, hp.epochs(),
                    describe(ended.lastTrain()), describe(validation.get()), ProgressBar.duration(ended.trainSeconds()));
        }
        return ended;
    }

    private LossValues validationLoss() {
        int rows = data.validationRows();
        LossTotals totals = LossTotals.NONE;
        for (int start = 0; start < rows; start += hp.batchSize()) {
            int[] indices = new int[Math.min(rows, start + hp.batchSize()) - start];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = start + i;
            }
            totals = totals.plus(graph.validationLoss(indices), indices.length);
        }
        return totals.mean();
    }

    private static String describe(LossValues loss) {
        return String.format(Locale.ROOT, "%.4g (rec %.4g + reg %.4g)", loss.total(), loss.reconstruction(), loss.regulariser());
    }
}
