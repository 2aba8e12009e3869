package dev.zupa.core.transport;

import java.util.Objects;
import java.util.Optional;

/**
 * What a transport reports after accepting a message for delivery.
 *
 * @param transportMessageId the transport's id of the sent message, when it gives one; never null
 * @since 0.1
 */
public record Delivery(Optional<String> transportMessageId) {
    /** Validates the receipt. */
    public Delivery {
        Objects.requireNonNull(transportMessageId, "transportMessageId");
    }

    /**
     * A receipt without a transport id.
     *
     * @return the receipt; never null
     */
    public static Delivery accepted() {
        return new Delivery(Optional.empty());
    }
}
