package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.util.Objects;

/**
 * Where a thread's chain continues after a purge: the thread sequence and hash of the newest entry the purge removed.
 * A store keeps one per purged thread, so that verification starts from the oldest remaining entry and still notices
 * entries missing in front of it. For store implementors.
 *
 * @param threadId the thread; never null
 * @param threadSequence the thread sequence of the last purged entry; positive
 * @param hash the hash of the last purged entry; never null
 * @since 0.1
 */
public record LedgerAnchor(ThreadId threadId, long threadSequence, String hash) {

    /** Validates the anchor. */
    public LedgerAnchor {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(hash, "hash");
        if (threadSequence <= 0) {
            throw new IllegalArgumentException("an anchor's thread sequence is positive, got " + threadSequence);
        }
    }
}
