package dev.shapesvae.trainer.fit;

import dev.shapesvae.cli.ProgressBar;
import dev.shapesvae.repository.Hyperparameters;
import dev.shapesvae.repository.LossValues;
import dev.shapesvae.trainer.model.ModelGraph;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
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
    private final int trainRows;
    private final int validRows;
    private final History history;
    private final Checkpoints checkpoints;
    private final int checkpointEvery;
    private final PrintStream log;

    public Trainer(ModelGraph graph, int trainRows, int validRows, History history, Checkpoints checkpoints,
            int checkpointEvery, PrintStream log) {
        if (checkpointEvery <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be positive, got " + checkpointEvery);
        }
        this.graph = graph;
        this.trainRows = trainRows;
        this.validRows = validRows;
        this.history = history;
        this.checkpoints = checkpoints;
        this.checkpointEvery = checkpointEvery;
        this.log = log;
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
        Hyperparameters hp = graph.config().hyperparameters();
        int batch = hp.batchSize();
        int batchesPerEpoch = (trainRows + batch - 1) / batch;
        long totalBatches = (long) hp.epochs() * batchesPerEpoch;
        ProgressBar progress = new ProgressBar(log, "training", totalBatches);

        CheckpointState state = start;
        long step = state.step();
        double sumRec = state.epochSums().reconstruction();
        double sumReg = state.epochSums().regulariser();
        double sumTotal = state.epochSums().total();
        long samples = state.epochSamples();
        LossValues lastTrain = state.lastTrain();
        LossValues lastValidation = state.lastValidation();
        long stepNanos = 0;
        long trained = 0;
        long wallStart = System.nanoTime();
        Path lastCheckpoint = null;

        for (int epoch = state.epochsDone(); epoch < hp.epochs(); epoch++) {
            int[] order = permutation(hp.seed(), epoch, trainRows);
            int firstBatch = epoch == state.epochsDone() ? state.batchesDone() : 0;
            for (int b = firstBatch; b < batchesPerEpoch; b++) {
                int[] indices = Arrays.copyOfRange(order, b * batch, Math.min(trainRows, (b + 1) * batch));
                step++;
                long t0 = System.nanoTime();
                LossValues loss = graph.trainStep(indices, step);
                stepNanos += System.nanoTime() - t0;
                trained += indices.length;
                if (!Double.isFinite(loss.total())) {
                    progress.clearLine();
                    throw new TrainingDiverged(String.format(Locale.ROOT,
                            "the loss became %s at epoch %d (step %d); training stopped and the last good checkpoint %s was kept",
                            loss.total(), epoch + 1, step, lastCheckpoint == null ? "(none yet)" : lastCheckpoint));
                }
                sumRec += loss.reconstruction() * indices.length;
                sumReg += loss.regulariser() * indices.length;
                sumTotal += loss.total() * indices.length;
                samples += indices.length;
                progress.update((long) epoch * batchesPerEpoch + b + 1,
                        String.format(Locale.ROOT, "epoch %d/%d loss %.4g", epoch + 1, hp.epochs(), sumTotal / samples));
                if (stop.getAsBoolean() && b + 1 < batchesPerEpoch) {
                    progress.clearLine();
                    double seconds = state.trainSeconds() + (System.nanoTime() - wallStart) / 1e9;
                    CheckpointState here = new CheckpointState(state.config(), state.splitSeed(), state.trainFraction(),
                            epoch, b + 1, step, seconds, new LossValues(sumRec, sumReg, sumTotal), samples, lastTrain, lastValidation);
                    Path saved = checkpoints.save(graph, here);
                    log.printf("stopped at epoch %d, batch %d/%d; checkpoint %s (resume with --resume)%n",
                            epoch + 1, b + 1, batchesPerEpoch, saved);
                    return new TrainingOutcome(false, epoch, step, seconds, trained / (stepNanos / 1e9), lastTrain, lastValidation, saved);
                }
            }
            lastTrain = new LossValues(sumRec / samples, sumReg / samples, sumTotal / samples);
            boolean lastEpoch = epoch + 1 == hp.epochs();
            boolean validate = (epoch + 1) % hp.validationEvery() == 0 || lastEpoch;
            if (validate) {
                lastValidation = validationLoss(batch);
            }
            double seconds = state.trainSeconds() + (System.nanoTime() - wallStart) / 1e9;
            history.append(new EpochRecord(epoch + 1, lastTrain, validate ? java.util.Optional.of(lastValidation) : java.util.Optional.empty(), seconds));
            if (validate) {
                progress.clearLine();
                log.printf(Locale.ROOT, "epoch %4d/%d  train %s  validation %s  %s%n", epoch + 1, hp.epochs(),
                        describe(lastTrain), describe(lastValidation), ProgressBar.duration(seconds));
            }
            sumRec = 0;
            sumReg = 0;
            sumTotal = 0;
            samples = 0;
            boolean stopping = stop.getAsBoolean();
            if ((epoch + 1) % checkpointEvery == 0 || lastEpoch || stopping) {
                CheckpointState here = new CheckpointState(state.config(), state.splitSeed(), state.trainFraction(),
                        epoch + 1, 0, step, seconds, new LossValues(0, 0, 0), 0, lastTrain, lastValidation);
                lastCheckpoint = checkpoints.save(graph, here);
            }
            if (stopping && !lastEpoch) {
                progress.clearLine();
                log.printf("stopped after epoch %d; checkpoint %s (resume with --resume)%n", epoch + 1, lastCheckpoint);
                return new TrainingOutcome(false, epoch + 1, step, seconds, trained / (stepNanos / 1e9), lastTrain, lastValidation, lastCheckpoint);
            }
        }
        double seconds = state.trainSeconds() + (System.nanoTime() - wallStart) / 1e9;
        double rate = stepNanos == 0 ? 0 : trained / (stepNanos / 1e9);
        return new TrainingOutcome(true, hp.epochs(), step, seconds, rate, lastTrain, lastValidation, lastCheckpoint);
    }

    private LossValues validationLoss(int batch) {
        double rec = 0;
        double reg = 0;
        double total = 0;
        for (int start = 0; start < validRows; start += batch) {
            int end = Math.min(validRows, start + batch);
            int[] indices = new int[end - start];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = start + i;
            }
            LossValues loss = graph.validationLoss(indices);
            rec += loss.reconstruction() * indices.length;
            reg += loss.regulariser() * indices.length;
            total += loss.total() * indices.length;
        }
        return new LossValues(rec / validRows, reg / validRows, total / validRows);
    }

    private static String describe(LossValues loss) {
        return String.format(Locale.ROOT, "%.4g (rec %.4g + reg %.4g)", loss.total(), loss.reconstruction(), loss.regulariser());
    }
}
