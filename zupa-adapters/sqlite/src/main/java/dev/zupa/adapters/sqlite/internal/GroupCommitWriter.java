package dev.zupa.adapters.sqlite.internal;

import dev.zupa.engine.checkpoint.CheckpointStoreException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The only writer of a database file: callers queue writes, and one thread drains whatever is queued into one
 * transaction and commits it once. With {@code synchronous=FULL} a commit is an fsync, so a thousand concurrent puts
 * cost a handful of fsyncs instead of a thousand.
 *
 * <p>Each write of a batch runs inside its own savepoint, so a write that fails (a pending write for an unknown
 * checkpoint) is rolled back alone and the rest of the batch commits. When the transaction as a whole fails (the
 * commit itself, a full disk), it is rolled back and every write of it is tried again in a transaction of its own, so
 * that each caller learns the fate of its own write.
 *
 * <p>The writer is a platform thread, not a virtual one: every JDBC call goes into SQLite's native code, which pins a
 * virtual thread to its carrier for the whole call, and a commit waits for fsync. A dedicated platform thread keeps
 * that blocking off the carriers that run the callers' virtual threads.
 */
public final class GroupCommitWriter {
    /** One unit of work, run on the writer thread inside the batch's transaction. */
    @FunctionalInterface
    public interface Write {
        /** Applies the write; throwing rolls back only this write. */
        void apply(Session session) throws SQLException;
    }

    private record Request(String description, Write write, CompletableFuture<Void> done) {}

    private static final Request STOP = new Request("stop", session -> {}, new CompletableFuture<>());

    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
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
     * Queues a write. The caller must not submit after {@link #stop()}.
     *
     * @param description what is written, for error messages ("checkpoint c1 of thread t1")
     * @return completed once the write is committed, or exceptionally with a {@link CheckpointStoreException}
     */
    public CompletableFuture<Void> submit(String description, Write write) {
        var request = new Request(description, write, new CompletableFuture<>());
        queue.add(request);
        return request.done();
    }

    /** Lets the writer finish what is queued, then stops it and closes its session. Waits for it. */
    public void stop() {
        if (thread.getState() == Thread.State.NEW) {
            session.close();
            return;
        }
        queue.add(STOP);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Transactions committed so far. */
    public long commits() {
        return commits.get();
    }

    /** Writes committed so far. */
    public long writes() {
        return writes.get();
    }

    private void run() {
        var batch = new ArrayList<Request>(maxBatch);
        boolean stopping = false;
        try {
            while (!stopping) {
                batch.add(take());
                queue.drainTo(batch, maxBatch - 1);
                stopping = batch.removeIf(r -> r == STOP);
                if (!batch.isEmpty()) {
                    try {
                        commit(batch);
                    } catch (Throwable t) {
                        // not expected: commit() handles SQL and runtime failures; keep serving the next batches
                        for (var request : batch) {
                            fail(request, t);
                        }
                    }
                }
                batch.clear();
            }
        } finally {
            session.close();
        }
    }

    private Request take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // nobody interrupts this thread on purpose; stop() is the way to end it
            }
        }
    }

    private void commit(List<Request> batch) {
        @Nullable Throwable[] failures = new Throwable[batch.size()];
        try {
            session.execute("BEGIN IMMEDIATE");
            if (batch.size() == 1) {
                batch.getFirst().write().apply(session);
            } else {
                for (int i = 0; i < batch.size(); i++) {
                    failures[i] = applyInSavepoint(batch.get(i));
                }
            }
            session.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
            session.rollbackQuietly();
            if (batch.size() == 1) {
                fail(batch.getFirst(), e);
            } else {
                for (var request : batch) {
                    commit(List.of(request));
                }
            }
            return;
        }
        commits.incrementAndGet();
        for (int i = 0; i < batch.size(); i++) {
            if (failures[i] == null) {
                writes.incrementAndGet();
                batch.get(i).done().complete(null);
            } else {
                fail(batch.get(i), failures[i]);
            }
        }
    }

    /** Runs one write in a savepoint; returns its failure, or null. Throws when the transaction itself is broken. */
    private @Nullable Throwable applyInSavepoint(Request request) throws SQLException {
        session.execute("SAVEPOINT request");
        try {
            request.write().apply(session);
            session.execute("RELEASE request");
            return null;
        } catch (SQLException | RuntimeException e) {
            // if SQLite already rolled back the whole transaction (I/O error, full disk) this throws, and the batch
            // is retried write by write
            session.execute("ROLLBACK TO request");
            session.execute("RELEASE request");
            return e;
        }
    }

    private void fail(Request request, Throwable failure) {
        request.done()
                .completeExceptionally(
                        failure instanceof CheckpointStoreException
                                ? failure
                                : new CheckpointStoreException(
                                        "cannot store " + request.description() + " in " + file + ": "
                                                + failure.getMessage(),
                                        failure));
    }
}
