package dev.zupa.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Identity of one run history: all checkpoints of a conversation share a thread id.
 *
 * @param value the id text; never null or blank
 * @since 0.1
 */
public record ThreadId(@JsonValue String value) {
    /** Validates the id. */
    public ThreadId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("thread id must not be blank");
        }
    }

    /**
     * Wraps an id.
     *
     * @param value the id text; never null or blank
     * @return the id; never null
     */
    @JsonCreator
    public static ThreadId of(String value) {
        return new ThreadId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
