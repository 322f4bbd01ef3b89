package dev.shapesvae.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shapesvae.repository.TrainingHistory.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingHistoryTest {
    private static final String HEADER = "epoch,train_reconstruction,train_regulariser,train_total,"
            + "validation_reconstruction,validation_regulariser,validation_total,seconds\n";

    @TempDir
    Path dir;

    private TrainingHistory history(String name) {
        return new TrainingHistory(dir.resolve(name));
    }

    private static Row row(int epoch, double rec, double reg, double total, Optional<LossValues> validation, double seconds) {
        return new Row(epoch, new LossValues(rec, reg, total), validation, seconds);
    }

    /** The bytes the trainer wrote before this type existed, for the same rows (captured from that code). */
    @Test
    void writesRowByRowInTheFormatEveryBundleHas() throws IOException {
        TrainingHistory history = history("history.csv");
        history.start();
        assertThat(history.file()).hasContent(HEADER.strip());
        history.append(row(1, 0.123456789, 1.0e-5, 123456.75, Optional.of(new LossValues(0.5, 0, 2.0 / 3)), 12.3456));
        assertThat(Files.readString(history.file())).isEqualTo(HEADER + "1,0.123457,1.00000e-05,123457,0.500000,0.00000,0.666667,12.346\n");
        history.append(row(2, 98.7654321, 0.000123456789, 1e7, Optional.empty(), 1234.5));
        history.append(row(3, Double.NaN, 3, 1, Optional.of(new LossValues(1e-300, 1, 2)), 0.0004));
        assertThat(Files.readString(history.file())).isEqualTo(HEADER
                + "1,0.123457,1.00000e-05,123457,0.500000,0.00000,0.666667,12.346\n"
                + "2,98.7654,0.000123457,1.00000e+07,,,,1234.500\n"
                + "3,NaN,3.00000,1.00000,1.00000e-300,1.00000,2.00000,0.000\n");
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        List<Row> rows = List.of(row(1, 0.5, 0.25, 0.75, Optional.of(new LossValues(0.625, 0.125, 0.75)), 1.5),
                row(2, 0.375, 0.25, 0.625, Optional.empty(), 3.25));
        TrainingHistory history = history("history.csv");
        Files.write(history.file(), TrainingHistory.csv(rows));
        assertThat(history.rows()).isEqualTo(rows);
    }

    @Test
    void readsAHandWrittenHistoryByColumnName() throws IOException {
        TrainingHistory inOrder = history("a.csv");
        Files.writeString(inOrder.file(), HEADER + "1,1.0,0.5,1.5,0.9,0.5,1.4,0.1\n2,0.8,0.5,1.3,,,,0.2\n");
        List<Row> expected = List.of(row(1, 1.0, 0.5, 1.5, Optional.of(new LossValues(0.9, 0.5, 1.4)), 0.1),
                row(2, 0.8, 0.5, 1.3, Optional.empty(), 0.2));
        assertThat(inOrder.rows()).isEqualTo(expected);

        TrainingHistory shuffled = history("b.csv");
        Files.writeString(shuffled.file(), "seconds,epoch,train_total,train_regulariser,train_reconstruction,validation_total,"
                + "validation_regulariser,validation_reconstruction\n0.1,1,1.5,0.5,1.0,1.4,0.5,0.9\n0.2,2,1.3,0.5,0.8,,,\n");
        assertThat(shuffled.rows()).isEqualTo(expected);
    }

    @Test
    void keepsTheRowsUpToAnEpoch() throws IOException {
        TrainingHistory history = history("history.csv");
        history.start();
        for (int epoch = 1; epoch <= 4; epoch++) {
            history.append(row(epoch, 1, 0.5, 1.5, Optional.empty(), epoch));
        }
        assertThat(new String(history.csvUpTo(2), StandardCharsets.UTF_8))
                .isEqualTo(HEADER + "1,1.00000,0.500000,1.50000,,,,1.000\n2,1.00000,0.500000,1.50000,,,,2.000\n");
        history.keepUpTo(3);
        assertThat(history.rows()).extracting(Row::epoch).containsExactly(1, 2, 3);

        TrainingHistory missing = history("missing.csv");
        missing.keepUpTo(3);
        assertThat(missing.rows()).isEmpty();
    }

    @Test
    void numbersAreWrittenTheSameUnderAnyLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(new String(TrainingHistory.csv(List.of(row(1, 0.5, 0.25, 0.75, Optional.empty(), 1.5))), StandardCharsets.UTF_8))
                    .isEqualTo(HEADER + "1,0.500000,0.250000,0.750000,,,,1.500\n");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aFileThatIsNotAHistoryIsRefusedNamingTheLineAndColumn() throws IOException {
        TrainingHistory history = history("history.csv");
        String refused = history.file() + ": not a training history (";
        Files.writeString(history.file(), HEADER + "1,1.0,0.5,1.5,,,,0.1\n2,0.8,x,1.3,,,,0.2\n");
        assertThatThrownBy(history::rows).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(refused + "line 3: column 'train_regulariser': 'x' is not a number)");

        Files.writeString(history.file(), HEADER + "1.5,1.0,0.5,1.5,,,,0.1\n");
        assertThatThrownBy(history::rows).hasMessage(refused + "line 2: column 'epoch': '1.5' is not a whole number)");

        Files.writeString(history.file(), HEADER + "1,1.0,,1.5,,,,0.1\n");
        assertThatThrownBy(history::rows).hasMessage(refused + "line 2: column 'train_regulariser' is empty)");

        Files.writeString(history.file(), HEADER + "1,1.0,0.5,1.5,0.9,,1.4,0.1\n");
        assertThatThrownBy(history::rows).hasMessage(refused + "line 2: the three validation losses must all be given or all be empty)");

        Files.writeString(history.file(), HEADER + "0,1.0,0.5,1.5,,,,0.1\n");
        assertThatThrownBy(history::rows).hasMessage(refused + "line 2: epoch must be positive, got 0)");

        Files.writeString(history.file(), "epoch,train_total,seconds\n1,1.5,0.1\n");
        assertThatThrownBy(history::rows).hasMessage(refused + "line 2: column 'train_reconstruction' is missing)");

        Files.writeString(history.file(), "epoch,loss\n");
        assertThatThrownBy(history::rows).hasMessage(refused + "its header is epoch,loss; a history's columns are " + HEADER.strip() + ")");

        assertThatThrownBy(history("missing.csv")::rows).hasMessage(dir.resolve("missing.csv") + ": the training history is missing");
    }
}
