package dev.shapesvae.trainer.fit;

import dev.shapesvae.repository.LossValues;
import java.util.Locale;
import java.util.Optional;

/** One row of {@code history.csv}: an epoch's mean training loss, its validation loss if measured, and the training time so far. */
public record EpochRecord(int epoch, LossValues train, Optional<LossValues> validation, double seconds) {
    /** The CSV header. */
    public static final String HEADER = "epoch,train_reconstruction,train_regulariser,train_total,"
            + "validation_reconstruction,validation_regulariser,validation_total,seconds";

    /** The row as CSV; validation columns are empty when not measured. */
    public String toCsv() {
        String v = validation.map(l -> format(l.reconstruction()) + "," + format(l.regulariser()) + "," + format(l.total()))
                .orElse(",,");
        return epoch + "," + format(train.reconstruction()) + "," + format(train.regulariser()) + "," + format(train.total())
                + "," + v + "," + String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
