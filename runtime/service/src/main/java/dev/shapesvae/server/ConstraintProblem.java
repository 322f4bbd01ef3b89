package dev.shapesvae.server;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What is wrong with a request body that breaks its record's constraints, said as the service's
 * other refusals say it: each field by its path, the constraint's message and the value that came
 * ({@code 'temperature' must be between 0 and 100, got -1.0}).
 */
final class ConstraintProblem {
    private ConstraintProblem() {
    }

    /** The refusal's message: one sentence a broken constraint, sorted, joined by "; ". */
    static String describe(ConstraintViolationException e) {
        // distinct: a value can break two constraints with one message (infinity is beyond both ends of a range).
        return e.getConstraintViolations().stream().map(ConstraintProblem::describe).distinct().sorted().collect(Collectors.joining("; "));
    }

    private static String describe(ConstraintViolation<?> violation) {
        List<Object> steps = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            // The method and parameter nodes (sample.body) say where validation ran, not where the value is.
            if (node.getKind() == ElementKind.PROPERTY) {
                steps.add(node.getName());
            }
            if ((node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) && node.getIndex() != null) {
                steps.add(node.getIndex());
            }
        }
        return FieldPath.of(steps) + " " + violation.getMessage() + ", got " + value(violation.getInvalidValue());
    }

    private static String value(Object value) {
        if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            return length == 0 ? "[]" : "an array of " + length;
        }
        return value instanceof CharSequence text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
