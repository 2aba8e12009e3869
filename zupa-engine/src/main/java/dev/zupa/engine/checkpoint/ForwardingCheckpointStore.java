package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A store that passes every call to another one: the base for decorators that count, meter, record or inject
 * faults. Override the calls you need and call {@code super} to pass them on.
 *
 * <p>As thread-safe as the store it wraps, provided the subclass's own state is.
 *
 * @since 0.1
 */
public abstract class ForwardingCheckpointStore implements CheckpointStore {
    private final CheckpointStore delegate;

    /**
     * Wraps a store.
     *
     * @param delegate the store that does the work; never null
     */
    protected ForwardingCheckpointStore(CheckpointStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * The wrapped store.
     *
     * @return the store; never null
     */
    protected CheckpointStore delegate() {
        return delegate;
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs) {
        delegate.put(checkpoint, blobs);
    }

    /** Forwards to {@link #put(Checkpoint, List)} when there are no entries, so that a decorator overriding only that sees every put. */
    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs, List<LedgerWrite> ledger) {
        if (ledger.isEmpty()) {
            put(checkpoint, blobs);
        } else {
            delegate.put(checkpoint, blobs, ledger);
        }
    }

    @Override
    public void appendLedger(ThreadId threadId, String namespace, List<LedgerWrite> ledger) {
        delegate.appendLedger(threadId, namespace, ledger);
    }

    @Override
    public List<LedgerEntry> ledger(LedgerQuery query) {
        return delegate.ledger(query);
    }

    @Override
    public List<LedgerEntry> openLedgerEntries(String openType, Set<String> closingTypes, int limit) {
        return delegate.openLedgerEntries(openType, closingTypes, limit);
    }

    @Override
    public LedgerVerification verifyLedger(ThreadId threadId) {
        return delegate.verifyLedger(threadId);
    }

    @Override
    public LedgerVerification verifyLedger() {
        return delegate.verifyLedger();
    }

    @Override
    public long purgeLedger(Instant olderThan, Clock clock) {
        return delegate.purgeLedger(olderThan, clock);
    }

    @Override
    public boolean keepsLedger() {
        return delegate.keepsLedger();
    }

    @Override
    public void putPendingWrites(
            ThreadId threadId, String namespace, CheckpointId checkpointId, List<PendingWrite> writes) {
        delegate.putPendingWrites(threadId, namespace, checkpointId, writes);
    }

    @Override
    public Optional<StoredCheckpoint> latest(ThreadId threadId, String namespace) {
        return delegate.latest(threadId, namespace);
    }

    @Override
    public Optional<StoredCheckpoint> get(ThreadId threadId, String namespace, CheckpointId id) {
        return delegate.get(threadId, namespace, id);
    }

    @Override
    public List<Checkpoint> history(ThreadId threadId, String namespace, int limit) {
        return delegate.history(threadId, namespace, limit);
    }

    @Override
    public void deleteThread(ThreadId threadId) {
        delegate.deleteThread(threadId);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
