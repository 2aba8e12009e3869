package dev.zupa.engine.checkpoint;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One ledger entry on its way to the store: something a node recorded (a model call, a tool call, a decision) or
 * something recorded outside a step (a message received, a reply delivered).
 *
 * <p>Entries a step records are stored in the same transaction as the step's checkpoint: both or neither. A keyed
 * entry is unique per {@code (type, key)}; writing it again stores nothing, which makes keys usable as
 * exactly-once marks (a processed message id, a delivered reply).
 *
 * @param type what happened, such as {@code model.call}; never blank
 * @param key the idempotency key, unique per type; never null
 * @param payload the details as JSON text; never null
 * @param node the node that recorded it, empty outside a step; never null
 * @param recordedAt when it was recorded, by the graph's clock; never null
 * @since 0.1
 */
public record LedgerWrite(
        String type, Optional<String> key, String payload, Optional<String> node, Instant recordedAt) {

    /** Validates the entry. */
    public LedgerWrite {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (type.isBlank()) {
            throw new IllegalArgumentException("a ledger entry needs a type");
        }
        if (key.isPresent() && key.get().isBlank()) {
            throw new IllegalArgumentException("a ledger key must not be blank");
        }
    }
}
