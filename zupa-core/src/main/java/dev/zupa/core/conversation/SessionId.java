package dev.zupa.core.conversation;

import java.util.Objects;

/**
 * The id of a session; the engine thread its turns run on.
 *
 * @param value the id; never blank
 * @since 0.1
 */
public record SessionId(String value) {
    /** Validates the id. */
    public SessionId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a session id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
