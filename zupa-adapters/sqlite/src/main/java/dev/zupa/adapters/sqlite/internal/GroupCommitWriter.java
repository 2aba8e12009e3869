package dev.zupa.adapters.sqlite.internal;

import dev.zupa.engine.checkpoint.CheckpointStoreException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The only writer of a database file: callers queue writes, and whatever has queued up is committed in one
 * transaction. With {@code synchronous=FULL} a commit is an fsync, so a thousand concurrent puts cost a handful of
 * fsyncs instead of a thousand.
 *
 * <p><b>Who commits.</b> One batch runs at a time, and a dedicated writer thread commits whatever queues up while
 * one runs. But when writes come one at a time (the recent batches held a single write), a caller on a platform
 * thread that finds no batch running commits its write itself, on its own thread, together with anything else queued:
 * a lone caller thus pays no thread hand-off at all, where it would otherwise pay two (to the writer and back).
 * Callers on virtual threads always leave the work to the writer thread: the driver's native code pins a virtual
 * thread to its carrier for the whole call, fsync included.
 *
 * <p><b>Waking the callers.</b> Waking a parked thread costs several microseconds, and a batch may hold hundreds of
 * callers. The committer wakes only the first caller of a batch and goes on with the next batch; every woken caller
 * wakes two more before it returns, so a batch of n wakes in about log2(n) rounds, spread over the callers' threads.
 *
 * <p><b>Failures.</b> A batch first runs all its writes in one transaction, without savepoints: checkpoint puts cannot
 * fail on their own, and a savepoint per write is two more statements each. Only when a write throws is the
 * transaction rolled back and the batch run again with each write in its own savepoint, so that a write that fails
 * alone (a pending write for an unknown checkpoint) is rolled back alone and the rest of the batch commits. When the
 * transaction as a whole fails (beginning it, the commit itself, a full disk), it is rolled back and every write of it
 * is tried again in a transaction of its own, so that each caller learns the fate of its own write.
 *
 * <p>A caller returns only after the transaction holding its write has committed.
 */
public final class GroupCommitWriter {
    /** One unit of work, run inside the batch's transaction. */
    @FunctionalInterface
    public interface Write {
        /** Applies the write; throwing rolls back only this write. */
        void apply(Session session) throws SQLException;
    }

    /** A queued write and, once its batch is done, its outcome. */
    private static final class Request {
        final Supplier<String> description;
        final Write write;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        // written by the committer before the request is released; read after (happens-before through `done`)
        boolean committed;

        @Nullable
        Throwable failure;

        Request @Nullable [] wakeOrder;
        int wakeIndex;

        Request(Supplier<String> description, Write write) {
            this.description = description;
            this.write = write;
        }

        /** Completes this request's wait with its outcome. */
        void release() {
            var problem = failure;
            if (problem == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(problem);
            }
        }

        /** Releases the next two requests of the batch's wake order. */
        void releaseChildren() {
            var order = wakeOrder;
            if (order == null) {
                return;
            }
            int child = 2 * wakeIndex + 1;
            if (child < order.length) {
                order[child].release();
            }
            if (child + 1 < order.length) {
                order[child + 1].release();
            }
        }
    }

    /**
     * Callers commit on their own thread only while the recent batches held fewer than 1.5 writes on average (in
     * 16ths). Under concurrency the writer thread does better: it goes on with the next batch without a hand-off,
     * and no caller's own work waits behind a commit of other callers' writes.
     */
    private static final int RUN_INLINE_BELOW = 24;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<Request> queue = new ArrayDeque<>(); // guarded by lock
    private boolean busy; // guarded by lock: some thread is running a batch on the session
    private boolean stopping; // guarded by lock
    private int recentBatchSize = 16; // guarded by lock: a moving average of the batch sizes, in 16ths
    private final Session session;
    private final int maxBatch;
    private final String file;
    private final Thread thread;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();

    /**
     * Creates a writer that owns a session; {@link #start()} starts its thread.
     *
     * @param session the write connection, closed when the writer stops
     * @param maxBatch at most this many writes per transaction
     * @param file the database file, for thread names and error messages
     */
    public GroupCommitWriter(Session session, int maxBatch, String file) {
        this.session = session;
        this.maxBatch = maxBatch;
        this.file = file;
        this.thread = Thread.ofPlatform()
                .name("zupa-sqlite-writer " + file)
                .daemon(true)
                .unstarted(this::run);
    }

    /** Starts the writer thread. */
    public void start() {
        thread.start();
    }

    /**
     * Writes and commits; returns once the write is committed. Runs the batch on the calling thread when that is a
     * platform thread and no batch is running. The caller must not write after {@link #stop()}.
     *
     * @param description what is written, for error messages ("checkpoint c1 of thread t1"); only called on failure
     * @throws CheckpointStoreException when the write failed, or when interrupted while waiting for the commit (the
     *     write may then be committed or not)
     */
    public void write(Supplier<String> description, Write write) {
        var request = new Request(description, write);
        Request @Nullable [] batch = null;
        lock.lock();
        try {
            queue.add(request);
            if (!busy) {
                if (recentBatchSize < RUN_INLINE_BELOW
                        && !Thread.currentThread().isVirtual()) {
                    busy = true;
                    batch = drain();
                } else {
                    work.signal();
                }
            }
        } finally {
            lock.unlock();
        }
        if (batch != null) {
            runBatch(batch, request);
        }
        await(request);
    }

    /** Lets the writer finish what is queued, then stops it and closes its session. Waits for it. */
    public void stop() {
        ServiceThread.stop(thread, session, lock, work, () -> stopping = true);
    }

    /** Transactions committed so far. */
    public long commits() {
        return commits.get();
    }

    /** Writes committed so far. */
    public long writes() {
        return writes.get();
    }

    private void await(Request request) {
        try {
            request.done.get();
        } catch (ExecutionException e) {
            request.releaseChildren();
            // a new exception, so that the stack trace shows the caller and not only the committing thread
            var cause = e.getCause();
            throw new CheckpointStoreException(cause == null ? request.description.get() : cause.getMessage(), cause);
        } catch (InterruptedException e) {
            // whoever completes this request wakes the ones behind it in the wake order
            request.done.whenComplete((ignored, failure) -> request.releaseChildren());
            Thread.currentThread().interrupt();
            throw new CheckpointStoreException(
                    "interrupted while waiting for " + request.description.get()
                            + " to be committed; it may or may not be stored, and may be put again",
                    e);
        }
        request.releaseChildren();
    }

    private void run() {
        try {
            while (true) {
                Request[] batch;
                lock.lock();
                try {
                    while (busy || (queue.isEmpty() && !stopping)) {
                        work.awaitUninterruptibly();
                    }
                    if (queue.isEmpty()) {
                        return; // stopping, and nothing is queued or running
                    }
                    busy = true;
                    batch = drain();
                } finally {
                    lock.unlock();
                }
                runBatch(batch, null);
            }
        } finally {
            session.close();
        }
    }

    /** Takes up to maxBatch queued requests, oldest first. Holds the lock. */
    private Request[] drain() {
        var batch = new Request[Math.min(queue.size(), maxBatch)];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = queue.poll();
        }
        return batch;
    }

    /**
     * Commits a batch taken by {@link #drain()}, lets the next batch run, and releases the batch's first caller: the
     * committer's own request when it has one, so that the committer need not wait for anyone.
     */
    private void runBatch(Request[] batch, @Nullable Request own) {
        try {
            commit(List.of(batch));
        } catch (Throwable t) {
            // not expected: commit() handles SQL and runtime failures; fail what has no outcome yet and go on
            for (var request : batch) {
                if (!request.committed && request.failure == null) {
                    request.failure = failure(request, t);
                }
            }
        } finally {
            lock.lock();
            try {
                busy = false;
                recentBatchSize += (batch.length * 16 - recentBatchSize) / 4;
                if (!queue.isEmpty() || stopping) {
                    work.signal();
                }
            } finally {
                lock.unlock();
            }
        }
        if (own != null && batch[0] != own) {
            for (int i = 1; i < batch.length; i++) {
                if (batch[i] == own) {
                    batch[i] = batch[0];
                    batch[0] = own;
                    break;
                }
            }
        }
        for (int i = 0; i < batch.length; i++) {
            batch[i].wakeOrder = batch;
            batch[i].wakeIndex = i;
        }
        batch[0].release();
    }

    private void commit(List<Request> batch) {
        if (batch.size() == 1) {
            commitAlone(batch.getFirst());
            return;
        }
        boolean applying = false;
        try {
            session.beginWrite();
            applying = true;
            for (var request : batch) {
                request.write.apply(session);
            }
            applying = false;
            session.commit();
        } catch (SQLException | RuntimeException e) {
            session.rollbackQuietly();
            if (applying) {
                // a write failed: find out which, and commit the others
                commitInSavepoints(batch);
            } else {
                // beginning or committing the transaction failed: nothing to isolate
                batch.forEach(this::commitAlone);
            }
            return;
        }
        commits.incrementAndGet();
        writes.addAndGet(batch.size());
        for (var request : batch) {
            request.committed = true;
        }
    }

    private void commitAlone(Request request) {
        try {
            session.beginWrite();
            request.write.apply(session);
            session.commit();
        } catch (SQLException | RuntimeException e) {
            session.rollbackQuietly();
            request.failure = failure(request, e);
            return;
        }
        commits.incrementAndGet();
        writes.incrementAndGet();
        request.committed = true;
    }

    /** Runs a batch with each write in a savepoint, after a write of it failed: the failing writes fail alone. */
    private void commitInSavepoints(List<Request> batch) {
        @Nullable Throwable[] failures = new Throwable[batch.size()];
        try {
            session.beginWrite();
            for (int i = 0; i < batch.size(); i++) {
                failures[i] = applyInSavepoint(batch.get(i));
            }
            session.commit();
        } catch (SQLException | RuntimeException e) {
            session.rollbackQuietly();
            batch.forEach(this::commitAlone);
            return;
        }
        commits.incrementAndGet();
        for (int i = 0; i < batch.size(); i++) {
            var request = batch.get(i);
            var problem = failures[i];
            if (problem == null) {
                writes.incrementAndGet();
                request.committed = true;
            } else {
                request.failure = failure(request, problem);
            }
        }
    }

    /** Runs one write in a savepoint; returns its failure, or null. Throws when the transaction itself is broken. */
    private @Nullable Throwable applyInSavepoint(Request request) throws SQLException {
        session.execute("SAVEPOINT request");
        try {
            request.write.apply(session);
            session.execute("RELEASE request");
            return null;
        } catch (SQLException | RuntimeException e) {
            // the driver may have finalized the failed statement: prepare the statements again on their next use
            session.discardStatements();
            // if SQLite already rolled back the whole transaction (I/O error, full disk) this throws, and the batch
            // is retried write by write
            session.execute("ROLLBACK TO request");
            session.execute("RELEASE request");
            return e;
        }
    }

    private Throwable failure(Request request, Throwable failure) {
        return failure instanceof CheckpointStoreException
                ? failure
                : new CheckpointStoreException(
                        "cannot store " + request.description.get() + " in " + file + ": " + failure.getMessage(),
                        failure);
    }
}
