package dev.shapesvae.repository;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.shapesvae.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A model's {@code history.csv}: one row per epoch, with the epoch's mean training loss terms, the
 * validation loss terms where they were measured (empty cells where not) and the training time so
 * far. The trainer appends a row at the end of every epoch, opening and closing the file each
 * time, so that the file can be watched while training runs; the bundle carries a copy; analysis
 * reads it by column name.
 *
 * <p>The columns, in order: {@code epoch, train_reconstruction, train_regulariser, train_total,
 * validation_reconstruction, validation_regulariser, validation_total, seconds}; losses with six
 * significant digits, seconds with three decimals.
 */
public final class TrainingHistory {
    /** The history's file name in a bundle and in a run folder. */
    public static final String FILE_NAME = "history.csv";

    private static final CsvMapper CSV = CsvMapper.builder()
            // An empty cell is a missing value: allowed for the validation losses, an error elsewhere.
            .enable(CsvParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // Otherwise any cell over 24 characters is quoted to save a scan, "validation_reconstruction" too,
            // and the header would no longer be the one every history has.
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    private static final ObjectWriter WRITER = CSV.writer(CSV.schemaFor(Line.class).withHeader());
    private static final ObjectWriter ROW_WRITER = CSV.writer(CSV.schemaFor(Line.class).withoutHeader());
    private static final ObjectReader READER = CSV.readerFor(Line.class).with(CsvSchema.emptySchema().withHeader());
    private static final List<String> COLUMNS = CSV.schemaFor(Line.class).getColumnNames();

    private final Path file;

    /** The history kept in {@code file}. */
    public TrainingHistory(Path file) {
        this.file = file;
    }

    /**
     * One epoch of training.
     *
     * @param epoch the 1-based epoch number
     * @param train the epoch's mean training loss terms
     * @param validation the validation loss terms measured after the epoch, or empty where none was
     * @param seconds training time from the start of the run to the end of this epoch
     */
    public record Row(int epoch, LossValues train, Optional<LossValues> validation, double seconds) {
        public Row {
            Checks.positive("epoch", epoch);
            Checks.present("training loss", train);
            Checks.present("validation loss (or empty)", validation);
        }
    }

    public Path file() {
        return file;
    }

    /** Starts the file afresh with only the header, replacing what was there. */
    public void start() throws IOException {
        Files.write(file, csv(List.of()));
    }

    /** Appends one row and closes the file again, so that a reader sees every finished epoch. */
    public void append(Row row) throws IOException {
        Files.write(file, ROW_WRITER.writeValueAsBytes(Line.of(row)), StandardOpenOption.APPEND);
    }

    /** Every row, in file order; a file that is missing or not a history is refused, naming the line and column. */
    public List<Row> rows() throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": the training history is missing");
        }
        try (MappingIterator<Line> lines = READER.readValues(Files.readString(file, StandardCharsets.UTF_8))) {
            List<Row> rows = lines.readAll().stream().map(Line::row).toList();
            List<String> header = ((CsvSchema) lines.getParserSchema()).getColumnNames();
            if (header.size() != COLUMNS.size() || !header.containsAll(COLUMNS)) {
                throw new IllegalArgumentException(file + ": not a training history (its header is " + String.join(",", header)
                        + "; a history's columns are " + String.join(",", COLUMNS) + ")");
            }
            return rows;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not a training history (" + problem(e) + ")", e);
        }
    }

    /** "line 3: column 'train_total': 'x' is not a number", in the words of the file rather than of the mapping. */
    private static String problem(JsonProcessingException e) {
        String where = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? "line " + e.getLocation().getLineNr() + ": " : "";
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return where + e.getCause().getMessage();
        }
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return where + e.getOriginalMessage();
        }
        String column = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
        if (e instanceof InvalidFormatException format) {
            return where + "column '" + column + "': '" + format.getValue() + "' is not "
                    + (format.getTargetType() == int.class ? "a whole number" : "a number");
        }
        if (e instanceof UnrecognizedPropertyException) {
            return where + "unknown column '" + column + "'";
        }
        // Jackson tells a column absent from the line from an empty cell only in its message.
        return where + "column '" + column + "' " + (e.getOriginalMessage().startsWith("Missing creator property") ? "is missing" : "is empty");
    }

    /** The file's content with the rows of epochs up to {@code epoch} only. */
    public byte[] csvUpTo(int epoch) throws IOException {
        return csv(rows().stream().filter(row -> row.epoch() <= epoch).toList());
    }

    /** Drops the rows after {@code epoch} (a run resumed from a checkpoint redoes them); a missing file is started afresh. */
    public void keepUpTo(int epoch) throws IOException {
        if (!Files.exists(file)) {
            start();
            return;
        }
        AtomicFiles.write(file, csvUpTo(epoch));
    }

    /** The header and the rows, as the file holds them. */
    public static byte[] csv(List<Row> rows) {
        try {
            return WRITER.writeValueAsBytes(rows.stream().map(Line::of).toList());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of the file, column by column; empty validation cells are nulls. */
    @JsonPropertyOrder({"epoch", "train_reconstruction", "train_regulariser", "train_total",
        "validation_reconstruction", "validation_regulariser", "validation_total", "seconds"})
    private record Line(
            int epoch,
            @JsonProperty("train_reconstruction") @JsonSerialize(using = Loss.class) double trainReconstruction,
            @JsonProperty("train_regulariser") @JsonSerialize(using = Loss.class) double trainRegulariser,
            @JsonProperty("train_total") @JsonSerialize(using = Loss.class) double trainTotal,
            @JsonProperty("validation_reconstruction") @JsonSerialize(using = Loss.class) Double validationReconstruction,
            @JsonProperty("validation_regulariser") @JsonSerialize(using = Loss.class) Double validationRegulariser,
            @JsonProperty("validation_total") @JsonSerialize(using = Loss.class) Double validationTotal,
            @JsonSerialize(using = Seconds.class) double seconds) {

        private Line {
            Checks.positive("epoch", epoch);
            long given = Stream.of(validationReconstruction, validationRegulariser, validationTotal).filter(Objects::nonNull).count();
            if (given != 0 && given != 3) {
                throw new IllegalArgumentException("the three validation losses must all be given or all be empty");
            }
        }

        static Line of(Row row) {
            LossValues t = row.train();
            Optional<LossValues> v = row.validation();
            return new Line(row.epoch(), t.reconstruction(), t.regulariser(), t.total(), v.map(LossValues::reconstruction).orElse(null),
                    v.map(LossValues::regulariser).orElse(null), v.map(LossValues::total).orElse(null), row.seconds());
        }

        Row row() {
            Optional<LossValues> validation = validationTotal == null ? Optional.empty()
                    : Optional.of(new LossValues(validationReconstruction, validationRegulariser, validationTotal));
            return new Row(epoch, new LossValues(trainReconstruction, trainRegulariser, trainTotal), validation, seconds);
        }
    }

    /** Writes a number with a {@link String#format} pattern, whatever the default locale. */
    private abstract static class Formatted extends StdSerializer<Double> {
        private final String pattern;

        Formatted(String pattern) {
            super(Double.class);
            this.pattern = pattern;
        }

        @Override
        public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeNumber(String.format(Locale.ROOT, pattern, value));
        }
    }

    /** Six significant digits: more than a float32 loss holds, and the format of every history written so far. */
    private static final class Loss extends Formatted {
        Loss() {
            super("%.6g");
        }
    }

    /** Milliseconds are as fine as a time per epoch needs. */
    private static final class Seconds extends Formatted {
        Seconds() {
            super("%.3f");
        }
    }
}
