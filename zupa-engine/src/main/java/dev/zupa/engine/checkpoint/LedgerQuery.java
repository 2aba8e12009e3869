package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which ledger entries to read: filters are combined with "and"; results come in sequence order, after a sequence
 * number, for paging.
 *
 * @param threadId only this thread's entries (every namespace), or all threads; never null
 * @param types only entries of these types, or all types when empty; never null
 * @param key only entries with this key; never null
 * @param afterSequence only entries with a greater sequence number; 0 to start at the beginning
 * @param limit at most this many; positive
 * @since 0.1
 */
public record LedgerQuery(
        Optional<ThreadId> threadId, Set<String> types, Optional<String> key, long afterSequence, int limit) {

    /** Validates the query. */
    public LedgerQuery {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(key, "key");
        types = Set.copyOf(types);
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence must not be negative, got " + afterSequence);
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
    }

    /**
     * A thread's entries, from the beginning.
     *
     * @param threadId the thread; never null
     * @param limit at most this many; positive
     * @return the query; never null
     */
    public static LedgerQuery thread(ThreadId threadId, int limit) {
        return new LedgerQuery(Optional.of(threadId), Set.of(), Optional.empty(), 0, limit);
    }

    /**
     * Entries of one type with one key (at most one entry exists).
     *
     * @param type the type; never null
     * @param key the key; never null
     * @return the query; never null
     */
    public static LedgerQuery keyed(String type, String key) {
        return new LedgerQuery(Optional.empty(), Set.of(type), Optional.of(key), 0, 1);
    }

    /**
     * The same query for the next page.
     *
     * @param sequence the sequence number of the last entry read
     * @return the query; never null
     */
    public LedgerQuery after(long sequence) {
        return new LedgerQuery(threadId, types, key, sequence, limit);
    }

    /**
     * The same query restricted to some types.
     *
     * @param onlyTypes the types; never null
     * @return the query; never null
     */
    public LedgerQuery withTypes(Set<String> onlyTypes) {
        return new LedgerQuery(threadId, onlyTypes, key, afterSequence, limit);
    }
}
