package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
