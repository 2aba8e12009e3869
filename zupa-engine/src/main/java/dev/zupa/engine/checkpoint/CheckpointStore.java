package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a graph keeps its checkpoints. Every implementation passes the same contract suite
 * ({@code dev.zupa.testkit.CheckpointStoreContract}).
 *
 * <p>All methods are thread-safe and blocking; callers run on virtual threads. A method returns once its effect is
 * durable to the degree the store promises (the SQLite store: fsync'd). Writes are idempotent: putting the same
 * checkpoint, blob or pending write twice stores it once, so a caller may retry after an I/O error.
 *
 * <p><b>The ledger</b> (for stores that {@link #keepsLedger() keep one}) is an append-only audit history: no method
 * changes or deletes a stored entry, except {@link #purgeLedger(Instant, Clock)}, which removes old entries as a whole
 * and records that it did. Each thread's entries form a hash chain ({@link LedgerChain}) that
 * {@link #verifyLedger(ThreadId)} checks.
 *
 * @since 0.1
 */
public interface CheckpointStore extends AutoCloseable {

    /**
     * A store that keeps everything in memory, for tests and short-lived graphs.
     *
     * @return a new empty store; never null
     */
    static CheckpointStore inMemory() {
        return new InMemoryCheckpointStore();
    }

    /**
     * Stores a checkpoint with the blobs of the channels that changed in it, atomically: after a crash either all of
     * it is stored or none.
     *
     * @param checkpoint the checkpoint; never null
     * @param blobs the new blobs; only channels whose version changed; never null
     * @throws CheckpointStoreException on I/O failure or when the store is closed
     */
    void put(Checkpoint checkpoint, List<ChannelBlob> blobs);

    /**
     * Stores a checkpoint with its blobs and the ledger entries its step recorded, atomically: after a crash either
     * all of it is stored or none. Putting the same checkpoint again stores nothing more, ledger entries included.
     *
     * <p>The default stores checkpoints without a ledger and rejects entries, so that a store that keeps no ledger
     * never loses one silently.
     *
     * @param checkpoint the checkpoint; never null
     * @param blobs the new blobs; never null
     * @param ledger the step's ledger entries, in the order they were recorded; never null
     * @throws CheckpointStoreException on I/O failure or when the store is closed
     * @throws UnsupportedOperationException when entries are given and the store keeps no ledger
     */
    default void put(Checkpoint checkpoint, List<ChannelBlob> blobs, List<LedgerWrite> ledger) {
        if (!ledger.isEmpty()) {
            throw noLedger();
        }
        put(checkpoint, blobs);
    }

    /**
     * Stores ledger entries recorded outside a step (a message received, a reply delivered), atomically. Keyed
     * entries already stored are skipped. The entries are chained onto the thread's hash chain in the same
     * transaction, so that concurrent appends to one thread form one chain in commit order.
     *
     * @param threadId the thread they belong to; never null
     * @param namespace the namespace; never null
     * @param ledger the entries; never null
     * @throws CheckpointStoreException on I/O failure or when the store is closed
     * @throws UnsupportedOperationException when the store keeps no ledger
     */
    default void appendLedger(ThreadId threadId, String namespace, List<LedgerWrite> ledger) {
        throw noLedger();
    }

    /**
     * Reads ledger entries in sequence (commit) order. Page with {@link LedgerQuery#after(long)}.
     *
     * @param query the filters and page; never null
     * @return the entries; never null
     * @throws CheckpointStoreException on I/O failure or when the store is closed
     * @throws UnsupportedOperationException when the store keeps no ledger
     */
    default List<LedgerEntry> ledger(LedgerQuery query) {
        throw noLedger();
    }

    /**
     * Keyed entries of one type that no entry of the closing types answers yet (same key), in sequence order: the
     * messages received but not processed, the replies stored but not delivered.
     *
     * @param openType the type that opens a key, such as {@code inbound.received}; never null
     * @param closingTypes the types that close it; never null or empty
     * @param limit at most this many; positive
     * @return the open entries; never null
     * @throws CheckpointStoreException on I/O failure or when the store is closed
     * @throws UnsupportedOperationException when the store keeps no ledger
     */
    default List<LedgerEntry> openLedgerEntries(String openType, Set<String> closingTypes, int limit) {
        throw noLedger();
    }

    /**
     * Checks one thread's hash chain: every entry's hash matches its fields, chains to the entry before it, and no
     * thread sequence is missing. A purged thread is checked from its oldest remaining entry, which must follow the
     * purge's anchor. Reads a consistent snapshot; entries appended meanwhile may or may not be checked.
     *
     * @param threadId the thread; never null
     * @return ok, or the first broken entry; never null
     * @throws CheckpointStoreException on I/O failure or when the store is closed
     * @throws UnsupportedOperationException when the store keeps no ledger
     */
    default LedgerVerification verifyLedger(ThreadId threadId) {
        throw noLedger();
    }

    /**
     * Checks every thread's hash chain, as {@link #verifyLedger(ThreadId)} does for one, in commit order.
     *
     * @return ok, or the first broken entry in commit order; never null
     * @throws CheckpointStoreException on I/O failure or when the store is closed
     * @throws UnsupportedOperationException when the store keeps no ledger
     */
    default LedgerVerification verifyLedger() {
        throw noLedger();
    }

    /**
     * Purges ledger entries recorded before a cut-off, by the system clock. See {@link #purgeLedger(Instant, Clock)}.
     *
     * @param olderThan the cut-off: entries recorded before it may go; not after now; never null
     * @return how many entries were removed
     * @throws CheckpointStoreException on I/O failure or when the store is closed
     * @throws IllegalArgumentException when the cut-off is after now
     * @throws UnsupportedOperationException when the store keeps no ledger
     */
    default long purgeLedger(Instant olderThan) {
        return purgeLedger(olderThan, Clock.systemUTC());
    }

    /**
     * Retention: removes the ledger entries recorded before a cut-off, the only way entries ever leave the ledger.
     * {@link LedgerRetention} states what is removed exactly (each thread's oldest entries up to the first that is not
     * old enough; never the {@link LedgerRetention#AUDIT_THREAD audit thread}). The purge is itself recorded, in the
     * same transaction, as a {@link LedgerRetention#PURGED_TYPE} entry in the audit thread, and logged at INFO; each
     * purged thread keeps an anchor so that {@link #verifyLedger(ThreadId)} still holds.
     *
     * <p>Keyed entries purged no longer block their key: pick a cut-off older than any redelivery the keys guard
     * against.
     *
     * @param olderThan the cut-off: entries recorded before it may go; not after the clock's now; never null
     * @param clock the clock that dates the purge record; never null
     * @return how many entries were removed
     * @throws CheckpointStoreException on I/O failure or when the store is closed
     * @throws IllegalArgumentException when the cut-off is after now
     * @throws UnsupportedOperationException when the store keeps no ledger
     */
    default long purgeLedger(Instant olderThan, Clock clock) {
        throw noLedger();
    }

    /**
     * Whether this store keeps a ledger.
     *
     * @return true when the ledger methods work
     */
    default boolean keepsLedger() {
        return false;
    }

    /**
     * Stores pending writes against a checkpoint; a write with the same task, kind and index replaces the old one.
     *
     * @param threadId the thread; never null
     * @param namespace the namespace; never null
     * @param checkpointId the checkpoint the step started from; never null
     * @param writes the writes; never null
     * @throws CheckpointStoreException on I/O failure, or when the checkpoint does not exist
     */
    void putPendingWrites(ThreadId threadId, String namespace, CheckpointId checkpointId, List<PendingWrite> writes);

    /**
     * The newest checkpoint of a thread in a namespace, with its values and pending writes.
     *
     * @param threadId the thread; never null
     * @param namespace the namespace; never null
     * @return the checkpoint, or empty when the thread has none; never null
     * @throws CheckpointStoreException on I/O failure or unreadable rows
     */
    Optional<StoredCheckpoint> latest(ThreadId threadId, String namespace);

    /**
     * One checkpoint, with its values and pending writes.
     *
     * @param threadId the thread; never null
     * @param namespace the namespace; never null
     * @param id the checkpoint id; never null
     * @return the checkpoint, or empty when there is none with that id; never null
     * @throws CheckpointStoreException on I/O failure or unreadable rows
     */
    Optional<StoredCheckpoint> get(ThreadId threadId, String namespace, CheckpointId id);

    /**
     * A thread's checkpoints in a namespace, newest first (the order they were put in), without values.
     *
     * @param threadId the thread; never null
     * @param namespace the namespace; never null
     * @param limit at most this many; positive
     * @return the checkpoints; empty when the thread has none; never null
     * @throws CheckpointStoreException on I/O failure or unreadable rows
     */
    List<Checkpoint> history(ThreadId threadId, String namespace, int limit);

    /**
     * Deletes a thread's checkpoints, blobs and pending writes, in every namespace; its ledger entries stay (the ledger
     * is an audit history). Deleting an unknown thread does nothing.
     *
     * @param threadId the thread; never null
     * @throws CheckpointStoreException on I/O failure
     */
    void deleteThread(ThreadId threadId);

    private UnsupportedOperationException noLedger() {
        return new UnsupportedOperationException(getClass().getName()
                + " keeps no ledger; use CheckpointStore.inMemory() or the SQLite store, or a graph whose nodes record"
                + " no ledger entries");
    }

    /** Releases the store's resources; later calls fail with {@link CheckpointStoreException}. Idempotent. */
    @Override
    void close();
}
