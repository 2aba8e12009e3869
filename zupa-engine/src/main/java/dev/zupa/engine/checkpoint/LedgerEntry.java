package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored ledger entry: what was recorded, where it sits, and the link that chains it to the entry before it in its
 * thread. Entries are immutable once stored; {@link LedgerChain} says how {@link #hash()} is computed.
 *
 * @param sequence the store's sequence number, increasing in the order entries were committed across all threads;
 *     the cursor for paging ({@link LedgerQuery#after(long)}); positive. Its values are the store's own: two stores
 *     holding the same entries may number them differently.
 * @param threadId the thread it belongs to; never null
 * @param namespace the namespace ("" for a root graph); never null
 * @param checkpointId the checkpoint it was stored with, empty for an entry recorded outside a step; never null
 * @param write what was recorded; never null
 * @param threadSequence its number within its thread: 1, 2, 3, … in commit order, without gaps; positive
 * @param previousHash the {@link #hash()} of the thread's entry before it, or {@link LedgerChain#GENESIS} for the
 *     thread's first entry; 64 lowercase hex digits
 * @param hash the SHA-256 of this entry's fields and {@code previousHash}; 64 lowercase hex digits
 * @since 0.1
 */
public record LedgerEntry(
        long sequence,
        ThreadId threadId,
        String namespace,
        Optional<CheckpointId> checkpointId,
        LedgerWrite write,
        long threadSequence,
        String previousHash,
        String hash) {

    /** Validates the entry. */
    public LedgerEntry {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        if (sequence <= 0) {
            throw new IllegalArgumentException("a ledger sequence is positive, got " + sequence);
        }
        if (threadSequence <= 0) {
            throw new IllegalArgumentException("a ledger thread sequence is positive, got " + threadSequence);
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
