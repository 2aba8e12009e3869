package dev.zupa.core.transport;

import java.util.Objects;

/**
 * A reply on its way to a user.
 *
 * @param id the outbox id: stable across retries and restarts, the idempotency key for transports that accept one;
 *     never blank
 * @param to the recipient's address on the transport; never blank
 * @param content the text or voice note; never null
 * @since 0.1
 */
public record OutboundMessage(String id, String to, OutboundContent content) {
    /** Validates the message. */
    public OutboundMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(content, "content");
        if (id.isBlank() || to.isBlank()) {
            throw new IllegalArgumentException("an outbound message needs an id and a recipient");
        }
    }
}
