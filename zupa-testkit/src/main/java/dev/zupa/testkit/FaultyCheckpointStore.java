package dev.zupa.testkit;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import dev.zupa.engine.checkpoint.ForwardingCheckpointStore;
import dev.zupa.engine.checkpoint.LedgerWrite;
import dev.zupa.engine.checkpoint.PendingWrite;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link CheckpointStore} wrapper that fails chosen writes with a {@link CheckpointStoreException}, as a full disk
 * or a lost database connection would, and counts what it passed on. Reads and deletes are never failed.
 *
 * <pre>{@code
 * var store = FaultyCheckpointStore.builder(CheckpointStore.inMemory())
 *         .failNthPut(3)            // only the third put fails
 *         .build();
 * }</pre>
 *
 * <p>By default a failing call does not reach the wrapped store, so nothing of it is stored. With
 * {@link Builder#failAfterStoring(boolean)} it is stored first and then reported as failed, like a commit whose
 * acknowledgement was lost; callers must then cope with a retry of something already stored.
 *
 * <p>Thread-safe. Puts are numbered in the order they enter this wrapper, starting at 1.
 *
 * @since 0.1
 */
public final class FaultyCheckpointStore extends ForwardingCheckpointStore {
    private final long failNthPut;
    private final long failPutsAfter;
    private final boolean failPendingWrites;
    private final boolean failAfterStoring;
    private volatile boolean healed;
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong checkpointsWritten = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong pendingWritePuts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private FaultyCheckpointStore(Builder builder) {
        super(builder.delegate);
        this.failNthPut = builder.failNthPut;
        this.failPutsAfter = builder.failPutsAfter;
        this.failPendingWrites = builder.failPendingWrites;
        this.failAfterStoring = builder.failAfterStoring;
    }

    /**
     * Starts a builder around a store. With no fault configured the wrapper only counts.
     *
     * @param delegate the store that does the work; never null
     * @return a new builder; never null
     */
    public static Builder builder(CheckpointStore delegate) {
        return new Builder(delegate);
    }

    /**
     * The number of {@link #put} calls made, including the failed ones.
     *
     * @return zero or more
     */
    public long puts() {
        return puts.get();
    }

    /**
     * The number of checkpoints handed to the wrapped store.
     *
     * @return zero or more
     */
    public long checkpointsWritten() {
        return checkpointsWritten.get();
    }

    /**
     * The sum of the data lengths of the blobs handed to the wrapped store.
     *
     * @return bytes, zero or more
     */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /**
     * The number of {@link #putPendingWrites} calls made, including the failed ones.
     *
     * @return zero or more
     */
    public long pendingWritePuts() {
        return pendingWritePuts.get();
    }

    /**
     * The number of calls this wrapper failed on purpose.
     *
     * @return zero or more
     */
    public long failures() {
        return failures.get();
    }

    /** Stops injecting faults: every later call goes to the wrapped store. Counting goes on. */
    public void heal() {
        healed = true;
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs) {
        put(checkpoint, blobs, List.of());
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs, List<LedgerWrite> ledger) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(blobs, "blobs");
        long n = puts.incrementAndGet();
        boolean fail = !healed && (n == failNthPut || (failPutsAfter >= 0 && n > failPutsAfter));
        if (fail && !failAfterStoring) {
            throw fault("put #" + n + " of checkpoint " + checkpoint.id() + " of thread " + checkpoint.threadId());
        }
        delegate().put(checkpoint, blobs, ledger);
        checkpointsWritten.incrementAndGet();
        bytesWritten.addAndGet(CountingCheckpointStore.dataBytes(blobs));
        if (fail) {
            throw fault("put #" + n + " of checkpoint " + checkpoint.id() + " of thread " + checkpoint.threadId()
                    + " (stored, then failed)");
        }
    }

    @Override
    public void putPendingWrites(
            ThreadId threadId, String namespace, CheckpointId checkpointId, List<PendingWrite> writes) {
        long n = pendingWritePuts.incrementAndGet();
        boolean fail = failPendingWrites && !healed;
        String what = "pending writes #" + n + " against checkpoint " + checkpointId + " of thread " + threadId;
        if (fail && !failAfterStoring) {
            throw fault(what);
        }
        delegate().putPendingWrites(threadId, namespace, checkpointId, writes);
        if (fail) {
            throw fault(what + " (stored, then failed)");
        }
    }

    private CheckpointStoreException fault(String what) {
        failures.incrementAndGet();
        return new CheckpointStoreException("injected fault: " + what);
    }

    /**
     * Configures a {@link FaultyCheckpointStore}. Mutable and not thread-safe; the faults may be combined.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final CheckpointStore delegate;
        private long failNthPut = -1;
        private long failPutsAfter = -1;
        private boolean failPendingWrites;
        private boolean failAfterStoring;

        private Builder(CheckpointStore delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /**
         * Fails only the n-th put.
         *
         * @param n the put to fail, counting from 1; positive
         * @return this builder; never null
         * @throws IllegalArgumentException when n is not positive
         */
        public Builder failNthPut(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("n must be at least 1, was " + n);
            }
            this.failNthPut = n;
            return this;
        }

        /**
         * Fails every put after the first n: {@code failPutsAfter(0)} fails them all.
         *
         * @param n how many puts succeed first; zero or more
         * @return this builder; never null
         * @throws IllegalArgumentException when n is negative
         */
        public Builder failPutsAfter(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("n must be zero or more, was " + n);
            }
            this.failPutsAfter = n;
            return this;
        }

        /**
         * Fails every {@link CheckpointStore#putPendingWrites} call.
         *
         * @param fail whether to fail them
         * @return this builder; never null
         */
        public Builder failPendingWrites(boolean fail) {
            this.failPendingWrites = fail;
            return this;
        }

        /**
         * Whether a failing call is first passed to the wrapped store (stored, then reported as failed) instead of
         * not reaching it at all. Off by default.
         *
         * @param afterStoring true to store before failing
         * @return this builder; never null
         */
        public Builder failAfterStoring(boolean afterStoring) {
            this.failAfterStoring = afterStoring;
            return this;
        }

        /**
         * Creates the wrapper.
         *
         * @return a new store with all counters at zero; never null
         */
        public FaultyCheckpointStore build() {
            return new FaultyCheckpointStore(this);
        }
    }
}
