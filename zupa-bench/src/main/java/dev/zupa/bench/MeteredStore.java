package dev.zupa.bench;

import dev.zupa.core.json.JsonCodec;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.ForwardingCheckpointStore;
import dev.zupa.engine.checkpoint.PendingWrite;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Passes every call to another store and counts what the engine asks it to write. With {@code measureBytes} it also
 * sums the payload a put carries: the blobs' data plus the checkpoint encoded as JSON with the default codec (the
 * same encoding a store would give the checkpoint row's metadata), plus pending writes' data.
 */
final class MeteredStore extends ForwardingCheckpointStore {
    private static final JsonCodec CODEC = JsonCodec.defaults();

    private final boolean measureBytes;
    private final LongAdder puts = new LongAdder();
    private final LongAdder blobs = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder pendingWrites = new LongAdder();

    private final Runnable afterClose;

    MeteredStore(CheckpointStore delegate, boolean measureBytes) {
        this(delegate, measureBytes, () -> {});
    }

    MeteredStore(CheckpointStore delegate, boolean measureBytes, Runnable afterClose) {
        super(delegate);
        this.measureBytes = measureBytes;
        this.afterClose = afterClose;
    }

    @Override
    protected CheckpointStore delegate() {
        return super.delegate();
    }

    long puts() {
        return puts.sum();
    }

    long blobs() {
        return blobs.sum();
    }

    long bytes() {
        return bytes.sum();
    }

    long pendingWrites() {
        return pendingWrites.sum();
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> newBlobs) {
        delegate().put(checkpoint, newBlobs);
        puts.increment();
        blobs.add(newBlobs.size());
        if (measureBytes) {
            long size = CODEC.encode(checkpoint, CODEC.type(Checkpoint.class)).length;
            for (var blob : newBlobs) {
                size += blob.data().length;
            }
            bytes.add(size);
        }
    }

    @Override
    public void putPendingWrites(
            ThreadId threadId, String namespace, CheckpointId checkpointId, List<PendingWrite> writes) {
        delegate().putPendingWrites(threadId, namespace, checkpointId, writes);
        pendingWrites.add(writes.size());
        if (measureBytes) {
            bytes.add(writes.stream().mapToLong(w -> w.data().length).sum());
        }
    }

    @Override
    public void close() {
        delegate().close();
        afterClose.run();
    }
}
