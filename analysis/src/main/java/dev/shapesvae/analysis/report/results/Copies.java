package dev.shapesvae.analysis.report.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Unmodifiable copies for the records: in the given order (metrics.json keeps it), nulls allowed where NaN was. */
final class Copies {
    private Copies() {
    }

    /** An unmodifiable copy that keeps the keys' order, which {@code Map.copyOf} does not. */
    static <V> Map<String, V> ordered(String what, Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(present(what, map)));
    }

    /** An unmodifiable copy of a matrix by rows whose undefined cells are null. */
    static List<List<Double>> matrix(String what, List<List<Double>> rows) {
        List<List<Double>> copy = new ArrayList<>();
        for (List<Double> row : present(what, rows)) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(present(what + " row", row))));
        }
        return Collections.unmodifiableList(copy);
    }

    /** The matrix with NaN (undefined, as for a constant column) as null: JSON has no NaN. */
    static List<List<Double>> nanAsNull(double[][] values) {
        List<List<Double>> rows = new ArrayList<>();
        for (double[] row : values) {
            List<Double> cells = new ArrayList<>();
            for (double v : row) {
                cells.add(Double.isNaN(v) ? null : v);
            }
            rows.add(cells);
        }
        return rows;
    }

    /** A number that may be undefined, with NaN as null. */
    static Double nanAsNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    static <T> T present(String what, T value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }
}
