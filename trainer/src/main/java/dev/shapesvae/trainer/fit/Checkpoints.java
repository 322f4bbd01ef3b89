package dev.shapesvae.trainer.fit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shapesvae.io.AtomicFiles;
import dev.shapesvae.io.FileProblems;
import dev.shapesvae.io.FileTrees;
import dev.shapesvae.io.StagingFolders;
import dev.shapesvae.trainer.model.ModelGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * The checkpoints of one run, {@code <run>/checkpoints/step-<n>/} each holding the variables
 * and {@code state.json}, and a {@code latest} file naming the newest. A checkpoint is written in
 * a hidden folder and renamed into place, then {@code latest} is replaced atomically, so a crash
 * at any moment leaves the previous checkpoint usable. The two newest are kept.
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String VARIABLES = "variables";
    private static final String STATE = "state.json";
    private static final String STAGING_PREFIX = ".staging-";
    private static final String LATEST = "latest";
    private static final int KEEP = 2;

    private final Path dir;

    public Checkpoints(Path runDirectory) {
        this.dir = runDirectory.resolve("checkpoints");
    }

    /** A restorable checkpoint: its folder and its state. */
    public record Saved(Path directory, CheckpointState state) {
        public void restoreInto(ModelGraph graph) {
            try {
                graph.restore(directory.resolve(VARIABLES));
            } catch (TensorFlowException e) {
                throw new IllegalArgumentException(directory + ": the checkpoint's variables cannot be restored ("
                        + e.getMessage().lines().findFirst().orElse("") + ")", e);
            }
        }

        /** Whether training had reached its last epoch when this checkpoint was written. */
        public boolean finished() {
            return state.epochsDone() >= state.config().hyperparameters().epochs();
        }
    }

    public Path save(ModelGraph graph, CheckpointState state) throws IOException {
        StagingFolders.removeAbandoned(dir, STAGING_PREFIX);
        Path staging = StagingFolders.create(dir, STAGING_PREFIX);
        graph.save(staging.resolve(VARIABLES));
        Files.writeString(staging.resolve(STATE), JSON.writeValueAsString(state), StandardCharsets.UTF_8);
        Path target = dir.resolve(String.format("step-%09d", state.step()));
        if (Files.exists(target)) {
            FileTrees.deleteRecursively(target);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.writeString(dir.resolve(LATEST), target.getFileName().toString());
        prune(target);
        return target;
    }

    /** Whether the run has written a checkpoint yet. */
    public boolean any() {
        return Files.exists(dir.resolve(LATEST));
    }

    /** The newest checkpoint, if any. */
    public Optional<Saved> latest() {
        if (!any()) {
            return Optional.empty();
        }
        try {
            return Optional.of(load(dir.resolve(Files.readString(dir.resolve(LATEST), StandardCharsets.UTF_8).trim())));
        } catch (IOException e) {
            throw new IllegalArgumentException(dir.resolve(LATEST) + ": cannot read (" + FileProblems.reason(e) + ")", e);
        }
    }

    /** A checkpoint folder given by path. */
    public static Saved load(Path checkpoint) {
        Path state = checkpoint.resolve(STATE);
        if (!Files.exists(state)) {
            throw new IllegalArgumentException(checkpoint + ": not a checkpoint (no " + STATE + ")");
        }
        try {
            return new Saved(checkpoint, JSON.readValue(Files.readString(state, StandardCharsets.UTF_8), CheckpointState.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(state + ": not a readable checkpoint state (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(state + ": cannot read (" + FileProblems.reason(e) + ")", e);
        }
    }

    private void prune(Path keep) throws IOException {
        List<Path> all;
        try (Stream<Path> list = Files.list(dir)) {
            all = list.filter(p -> p.getFileName().toString().startsWith("step-")).sorted(Comparator.reverseOrder()).toList();
        }
        for (int i = KEEP; i < all.size(); i++) {
            if (!all.get(i).equals(keep)) {
                FileTrees.deleteRecursively(all.get(i));
            }
        }
    }
}
