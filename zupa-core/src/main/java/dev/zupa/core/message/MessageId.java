package dev.zupa.core.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * Identity of one message in a conversation. Message lists merge by this id: a message with a known id replaces the
 * earlier one, it is never compared by content.
 *
 * @param value the id text; never null or blank
 * @since 0.1
 */
public record MessageId(@JsonValue String value) {
    /** Validates the id. */
    public MessageId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("message id must not be blank");
        }
    }

    /**
     * Wraps an id.
     *
     * @param value the id text; never null or blank
     * @return the id; never null
     */
    @JsonCreator
    public static MessageId of(String value) {
        return new MessageId(value);
    }

    /**
     * A new random id.
     *
     * @return a fresh id; never null
     */
    public static MessageId random() {
        return new MessageId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
