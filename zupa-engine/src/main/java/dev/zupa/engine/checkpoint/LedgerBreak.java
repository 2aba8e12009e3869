package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.util.Objects;

/**
 * The first place where a thread's hash chain does not hold.
 *
 * @param threadId the thread; never null
 * @param sequence the store-wide sequence of the entry where the chain breaks; positive
 * @param threadSequence that entry's number within its thread, as stored; positive
 * @param reason what is wrong; never null
 * @param detail a sentence for people, naming what was expected and found; never null
 * @since 0.1
 */
public record LedgerBreak(ThreadId threadId, long sequence, long threadSequence, Reason reason, String detail) {

    /** Validates the break. */
    public LedgerBreak {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * What is wrong with an entry. This set may grow in a later version.
     *
     * @since 0.1
     */
    public enum Reason {
        /** The entry's fields do not give its stored hash: the entry was changed after it was stored. */
        HASH_MISMATCH,
        /**
         * The entry's thread sequence is not the one after the entry before it (or after the purge anchor): entries
         * are missing, or were reordered.
         */
        SEQUENCE_GAP,
        /**
         * The entry's previous hash is not the hash of the entry before it (or of the purge anchor): the entry before
         * was replaced, hash included.
         */
        PREVIOUS_HASH_MISMATCH
    }
}
