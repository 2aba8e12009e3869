package dev.zupa.engine;

import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import dev.zupa.engine.checkpoint.ForwardingCheckpointStore;
import dev.zupa.engine.checkpoint.PendingWrite;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Wraps the in-memory store and records every write, in order, into one log that nodes may write to as well, so a
 * test can tell what was stored before what ran. It can also make each put slow, to show who waits for it, and fail
 * one chosen put, to stand in for a crash between two super-steps.
 */
final class RecordingStore extends ForwardingCheckpointStore {
    /** One {@link #put} call. */
    record Put(Checkpoint checkpoint, List<ChannelBlob> blobs, Thread thread) {
        long bytes() {
            return blobs.stream().mapToLong(b -> b.data().length).sum();
        }

        Optional<ChannelBlob> blob(String channel) {
            return blobs.stream().filter(b -> b.channel().equals(channel)).findFirst();
        }
    }

    /** One {@link #putPendingWrites} call. */
    record Pending(String namespace, CheckpointId checkpointId, List<PendingWrite> writes) {}

    private final List<Put> puts = new CopyOnWriteArrayList<>();
    private final List<Pending> pending = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile Duration putDelay = Duration.ZERO;
    private final AtomicInteger putCalls = new AtomicInteger();
    private volatile int failingPut;

    RecordingStore() {
        super(CheckpointStore.inMemory());
    }

    /** Makes every later put take at least this long before it stores anything. */
    RecordingStore slowPuts(Duration delay) {
        this.putDelay = delay;
        return this;
    }

    /** Makes the {@code n}-th put call (counting from 1, over the store's life) fail once, storing nothing. */
    RecordingStore failPut(int n) {
        this.failingPut = n;
        return this;
    }

    /** Adds a line to the shared log (nodes call this to say they ran). */
    void note(String line) {
        log.add(line);
    }

    List<String> log() {
        return List.copyOf(log);
    }

    List<Put> puts() {
        return List.copyOf(puts);
    }

    List<Put> puts(String namespace) {
        return puts.stream()
                .filter(p -> p.checkpoint().namespace().equals(namespace))
                .toList();
    }

    List<Pending> pendingWrites() {
        return List.copyOf(pending);
    }

    Set<String> namespaces() {
        var all = new LinkedHashSet<String>();
        puts.forEach(p -> all.add(p.checkpoint().namespace()));
        return all;
    }

    long bytesWritten() {
        return puts.stream().mapToLong(Put::bytes).sum();
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs) {
        if (putCalls.incrementAndGet() == failingPut) {
            log.add("put failed at step " + checkpoint.step());
            throw new CheckpointStoreException("injected failure of put #" + failingPut);
        }
        var delay = putDelay;
        if (!delay.isZero()) {
            long until = System.nanoTime() + delay.toNanos();
            for (long left = delay.toNanos(); left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
        delegate().put(checkpoint, blobs);
        puts.add(new Put(checkpoint, List.copyOf(blobs), Thread.currentThread()));
        log.add("put " + checkpoint.source() + " step " + checkpoint.step()
                + (checkpoint.namespace().isEmpty() ? "" : " in " + checkpoint.namespace()));
    }

    @Override
    public void putPendingWrites(
            ThreadId threadId, String namespace, CheckpointId checkpointId, List<PendingWrite> writes) {
        delegate().putPendingWrites(threadId, namespace, checkpointId, writes);
        pending.add(new Pending(namespace, checkpointId, List.copyOf(writes)));
        log.add("pending " + writes.size() + " against " + checkpointId);
    }
}
