package dev.shapesvae.trainer.fit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** {@code history.csv}, appended to and flushed after every epoch so that it can be watched while training runs. */
public final class History {
    private final Path file;

    public History(Path file) {
        this.file = file;
    }

    /** Starts a fresh file with only the header. */
    public void start() throws IOException {
        Files.writeString(file, EpochRecord.HEADER + "\n", StandardCharsets.UTF_8);
    }

    /** Keeps the header and the rows of epochs up to {@code epoch}; used when resuming from a checkpoint. */
    public void truncateAfter(int epoch) throws IOException {
        if (!Files.exists(file)) {
            start();
            return;
        }
        Files.write(file, linesUpTo(epoch), StandardCharsets.UTF_8);
    }

    /** The header and the rows of epochs up to {@code epoch}, as file content. */
    public byte[] bytesUpTo(int epoch) throws IOException {
        return (String.join("\n", linesUpTo(epoch)) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private List<String> linesUpTo(int epoch) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": the run's history is missing");
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (kept.isEmpty() || Integer.parseInt(line.substring(0, line.indexOf(','))) <= epoch) {
                kept.add(line);
            }
        }
        return kept;
    }

    public void append(EpochRecord record) throws IOException {
        Files.writeString(file, record.toCsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    public Path file() {
        return file;
    }

}
