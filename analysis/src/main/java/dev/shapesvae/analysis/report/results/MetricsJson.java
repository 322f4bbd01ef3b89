package dev.shapesvae.analysis.report.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@link StudyResults} as metrics.json and reads it back. Keys follow the records' component
 * order, so the file's layout does not change from run to run.
 */
public final class MetricsJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MetricsJson() {
    }

    /** The results as indented JSON, ending with a newline. */
    public static String toJson(StudyResults results) {
        try {
            return MAPPER.writeValueAsString(results) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the study's results", e);
        }
    }

    /** Reads a metrics.json file. */
    public static StudyResults read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), StudyResults.class);
    }
}
