package dev.shapesvae.server;

import java.util.List;

/**
 * Where a value sits in a request body, written as the service's refusals write it: a top-level
 * field quoted ({@code 'count'}), anything deeper by its path ({@code images[2][5]}).
 */
final class FieldPath {
    private FieldPath() {
    }

    /**
     * The path of {@code steps}: field names (strings) and array indexes (integers), outermost
     * first; "the body" when there are none.
     */
    static String of(List<?> steps) {
        if (steps.isEmpty()) {
            return "the body";
        }
        if (steps.size() == 1 && steps.get(0) instanceof String field) {
            return "'" + field + "'";
        }
        StringBuilder path = new StringBuilder();
        for (Object step : steps) {
            if (step instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(step);
            }
        }
        return path.toString();
    }
}
