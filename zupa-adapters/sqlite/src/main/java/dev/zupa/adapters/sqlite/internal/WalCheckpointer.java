package dev.zupa.adapters.sqlite.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log into the database file on a thread and connection of its own, so that the writer thread
 * only appends to the log.
 *
 * <p>Why: SQLite checkpoints inside the commit that crosses {@code wal_autocheckpoint}. Under load that is the writer
 * thread, which then reads every logged page back, writes it into the database file and fsyncs that file while every
 * queued caller waits. A passive checkpoint on another connection does the same work beside the writer (WAL mode lets
 * it): it copies what no reader still needs and never blocks the writer or the readers. The writer's own automatic
 * checkpoint stays on, at a higher threshold, as the backstop for when this thread falls behind.
 *
 * <p>It checkpoints every {@code interval}: a round with nothing to copy costs one read of the log's index.
 */
public final class WalCheckpointer {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    private final Session session;
    private final Duration interval;
    private final String file;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private boolean stopping; // guarded by lock

    /**
     * Creates a checkpointer; nothing runs before {@link #start()}.
     *
     * @param session its own connection to the file, which it closes when it stops
     * @param interval how often it checkpoints when not nudged
     * @param file the file, for the thread's name and log lines
     */
    public WalCheckpointer(Session session, Duration interval, String file) {
        this.session = session;
        this.interval = interval;
        this.file = file;
        this.thread = Thread.ofPlatform()
                .name("zupa-sqlite-checkpointer " + file)
                .daemon()
                .unstarted(this::run);
    }

    /** Starts the thread. */
    public void start() {
        thread.start();
    }

    /** Stops the thread after its current checkpoint, and closes its connection. */
    public void stop() {
        ServiceThread.stop(thread, session, lock, wake, () -> stopping = true);
    }

    private void run() {
        try {
            while (true) {
                lock.lock();
                try {
                    if (!stopping) {
                        wake.await(interval.toNanos(), TimeUnit.NANOSECONDS);
                    }
                    if (stopping) {
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                checkpoint();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
        }
    }

    private void checkpoint() {
        try {
            // PASSIVE: copies what it can without waiting for the writer or any reader, and never blocks them
            session.queryText("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException | RuntimeException e) {
            // the writer's own automatic checkpoint still bounds the log; try again on the next round
            log.debug("background checkpoint of {} failed; retrying later", file, e);
        }
    }
}
