package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored ledger entry.
 *
 * @param sequence the store's sequence number, increasing in the order entries were stored; positive
 * @param threadId the thread it belongs to; never null
 * @param namespace the namespace ("" for a root graph); never null
 * @param checkpointId the checkpoint it was stored with, empty for an entry recorded outside a step; never null
 * @param write what was recorded; never null
 * @since 0.1
 */
public record LedgerEntry(
        long sequence, ThreadId threadId, String namespace, Optional<CheckpointId> checkpointId, LedgerWrite write) {

    /** Validates the entry. */
    public LedgerEntry {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(write, "write");
        if (sequence <= 0) {
            throw new IllegalArgumentException("a ledger sequence is positive, got " + sequence);
        }
    }

    /**
     * The entry's type.
     *
     * @return the type; never null
     */
    public String type() {
        return write.type();
    }
}
