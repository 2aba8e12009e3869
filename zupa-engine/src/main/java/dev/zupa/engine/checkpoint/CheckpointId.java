package dev.zupa.engine.checkpoint;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Identity of one checkpoint. Ids made by the engine sort by creation time.
 *
 * @param value the id text; never null or blank
 * @since 0.1
 */
public record CheckpointId(@JsonValue String value) {
    /** Validates the id. */
    public CheckpointId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("checkpoint id must not be blank");
        }
    }

    /**
     * Wraps an id.
     *
     * @param value the id text; never null or blank
     * @return the id; never null
     */
    @JsonCreator
    public static CheckpointId of(String value) {
        return new CheckpointId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
