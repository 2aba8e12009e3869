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
 * <p>Once stored, an entry is never changed; see {@link CheckpointStore#verifyLedger(dev.zupa.engine.ThreadId)}.
 *
 * @param type what happened, such as {@code model.call}; never blank
 * @param key the idempotency key, unique per type; never null
 * @param payload the details as JSON text; never null
 * @param node the node that recorded it, empty outside a step; never null
 * @param recordedAt when it was recorded, by the graph's clock; never null
 * @param correlationId the correlation id of the inbound message or request it belongs to, so that every entry of
 *     one message can be queried together; never null
 * @param subject whom the entry is about, such as a user id, so that a user's entries can be queried across
 *     sessions; never null
 * @since 0.1
 */
public record LedgerWrite(
        String type,
        Optional<String> key,
        String payload,
        Optional<String> node,
        Instant recordedAt,
        Optional<String> correlationId,
        Optional<String> subject) {

    /** Validates the entry. */
    public LedgerWrite {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(subject, "subject");
        if (type.isBlank()) {
            throw new IllegalArgumentException("a ledger entry needs a type");
        }
        if (key.isPresent() && key.get().isBlank()) {
            throw new IllegalArgumentException("a ledger key must not be blank");
        }
        if (correlationId.isPresent() && correlationId.get().isBlank()) {
            throw new IllegalArgumentException("a ledger correlation id must not be blank");
        }
        if (subject.isPresent() && subject.get().isBlank()) {
            throw new IllegalArgumentException("a ledger subject must not be blank");
        }
    }

    /**
     * An entry with no correlation id and no subject.
     *
     * @param type what happened, such as {@code model.call}; never blank
     * @param key the idempotency key, unique per type; never null
     * @param payload the details as JSON text; never null
     * @param node the node that recorded it, empty outside a step; never null
     * @param recordedAt when it was recorded; never null
     */
    public LedgerWrite(String type, Optional<String> key, String payload, Optional<String> node, Instant recordedAt) {
        this(type, key, payload, node, recordedAt, Optional.empty(), Optional.empty());
    }

    /**
     * The same entry with a correlation id.
     *
     * @param id the correlation id; never blank
     * @return the entry; never null
     */
    public LedgerWrite withCorrelationId(String id) {
        return new LedgerWrite(type, key, payload, node, recordedAt, Optional.of(id), subject);
    }

    /**
     * The same entry with a subject.
     *
     * @param who whom the entry is about, such as a user id; never blank
     * @return the entry; never null
     */
    public LedgerWrite withSubject(String who) {
        return new LedgerWrite(type, key, payload, node, recordedAt, correlationId, Optional.of(who));
    }
}
