package dev.zupa.core.conversation;

import java.util.Objects;

/**
 * The id of a user.
 *
 * @param value the id; never blank
 * @since 0.1
 */
public record UserId(String value) {
    /** Validates the id. */
    public UserId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a user id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
