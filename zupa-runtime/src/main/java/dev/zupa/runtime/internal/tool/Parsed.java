package dev.zupa.runtime.internal.tool;

import java.util.List;
import java.util.Objects;

/**
 * What reading model output into a record gave: the value, or the problems a model can correct.
 *
 * @param <T> the record type
 */
public sealed interface Parsed<T> {

    /**
     * The output was well formed and met every constraint.
     *
     * @param value the record
     * @param <T> the record type
     */
    record Valid<T>(T value) implements Parsed<T> {
        /** Validates the component. */
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The output could not be used.
     *
     * @param problems one sentence per problem, at least one
     * @param <T> the record type
     */
    record Invalid<T>(List<String> problems) implements Parsed<T> {
        /** Validates and copies the problems. */
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one problem");
            }
        }
    }
}
