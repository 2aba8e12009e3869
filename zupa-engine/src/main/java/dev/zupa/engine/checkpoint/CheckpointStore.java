package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
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
     * entries already stored are skipped.
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
     * Reads ledger entries in sequence order.
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
