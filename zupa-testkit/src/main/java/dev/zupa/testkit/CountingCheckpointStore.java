package dev.zupa.testkit;

import dev.zupa.core.json.JsonCodec;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.ForwardingCheckpointStore;
import dev.zupa.engine.checkpoint.LedgerWrite;
import dev.zupa.engine.checkpoint.PendingWrite;
import dev.zupa.engine.checkpoint.StoredCheckpoint;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link CheckpointStore} wrapper that counts what goes through it: puts, the bytes of the blobs they carry, and an
 * estimate of the checkpoint records' own size (their JSON encoding with {@link JsonCodec#defaults()}, which is what
 * the SQLite store writes). Engine tests use it to check that a checkpoint costs what changed, not the size of the
 * state.
 *
 * <p>Only calls that the wrapped store completed are counted. Thread-safe; the counters are read without locking and
 * may be mid-update while writers run.
 *
 * @since 0.1
 */
public final class CountingCheckpointStore extends ForwardingCheckpointStore {
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong blobs = new AtomicLong();
    private final AtomicLong blobBytes = new AtomicLong();
    private final AtomicLong checkpointBytes = new AtomicLong();
    private final AtomicLong pendingWritePuts = new AtomicLong();
    private final AtomicLong pendingWriteBytes = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    private CountingCheckpointStore(CheckpointStore delegate) {
        super(delegate);
    }

    /**
     * Wraps a store.
     *
     * @param delegate the store that does the work; never null
     * @return the counting wrapper, with all counters at zero; never null
     */
    public static CountingCheckpointStore of(CheckpointStore delegate) {
        return new CountingCheckpointStore(delegate);
    }

    /**
     * The number of completed {@link #put} calls.
     *
     * @return zero or more
     */
    public long puts() {
        return puts.get();
    }

    /**
     * The number of blobs passed to completed puts.
     *
     * @return zero or more
     */
    public long blobs() {
        return blobs.get();
    }

    /**
     * The sum of the data lengths of the blobs passed to completed puts.
     *
     * @return bytes, zero or more
     */
    public long blobBytes() {
        return blobBytes.get();
    }

    /**
     * An estimate of the checkpoint records' size: the sum of their JSON encodings' lengths.
     *
     * @return bytes, zero or more
     */
    public long checkpointBytes() {
        return checkpointBytes.get();
    }

    /**
     * The number of completed {@link #putPendingWrites} calls.
     *
     * @return zero or more
     */
    public long pendingWritePuts() {
        return pendingWritePuts.get();
    }

    /**
     * The sum of the data lengths of the pending writes of completed {@link #putPendingWrites} calls.
     *
     * @return bytes, zero or more
     */
    public long pendingWriteBytes() {
        return pendingWriteBytes.get();
    }

    /**
     * Everything written: {@link #blobBytes()} + {@link #checkpointBytes()} + {@link #pendingWriteBytes()}.
     *
     * @return bytes, zero or more
     */
    public long bytesWritten() {
        return blobBytes() + checkpointBytes() + pendingWriteBytes();
    }

    /**
     * The number of completed {@link #latest}, {@link #get} and {@link #history} calls.
     *
     * @return zero or more
     */
    public long reads() {
        return reads.get();
    }

    /** Sets every counter back to zero, for example after a test's setup. */
    public void reset() {
        for (var counter :
                List.of(puts, blobs, blobBytes, checkpointBytes, pendingWritePuts, pendingWriteBytes, reads)) {
            counter.set(0);
        }
    }

    /**
     * The size of a checkpoint record as the counter estimates it.
     *
     * @param checkpoint the checkpoint; never null
     * @return the length of its JSON encoding with {@link JsonCodec#defaults()}, in bytes
     */
    public static long encodedSize(Checkpoint checkpoint) {
        var codec = JsonCodec.defaults();
        return codec.encode(checkpoint, codec.type(Checkpoint.class)).length;
    }

    static long dataBytes(List<ChannelBlob> blobs) {
        long sum = 0;
        for (var blob : blobs) {
            sum += blob.data().length;
        }
        return sum;
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs) {
        put(checkpoint, blobs, List.of());
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs, List<LedgerWrite> ledger) {
        delegate().put(checkpoint, blobs, ledger);
        puts.incrementAndGet();
        this.blobs.addAndGet(blobs.size());
        blobBytes.addAndGet(dataBytes(blobs));
        checkpointBytes.addAndGet(encodedSize(checkpoint));
    }

    @Override
    public void putPendingWrites(
            ThreadId threadId, String namespace, CheckpointId checkpointId, List<PendingWrite> writes) {
        delegate().putPendingWrites(threadId, namespace, checkpointId, writes);
        pendingWritePuts.incrementAndGet();
        long sum = 0;
        for (var write : writes) {
            sum += write.data().length;
        }
        pendingWriteBytes.addAndGet(sum);
    }

    @Override
    public Optional<StoredCheckpoint> latest(ThreadId threadId, String namespace) {
        var result = delegate().latest(threadId, namespace);
        reads.incrementAndGet();
        return result;
    }

    @Override
    public Optional<StoredCheckpoint> get(ThreadId threadId, String namespace, CheckpointId id) {
        var result = delegate().get(threadId, namespace, id);
        reads.incrementAndGet();
        return result;
    }

    @Override
    public List<Checkpoint> history(ThreadId threadId, String namespace, int limit) {
        var result = delegate().history(threadId, namespace, limit);
        reads.incrementAndGet();
        return result;
    }
}
