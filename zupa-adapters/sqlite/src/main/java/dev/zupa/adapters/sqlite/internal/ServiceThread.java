package dev.zupa.adapters.sqlite.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Stopping the file's own threads (the writer, the checkpointer): the same few steps for each. */
final class ServiceThread {
    private ServiceThread() {}

    /**
     * Signals a thread to stop (the caller's {@code markStopping} sets its flag under the lock) and waits until it has
     * ended, however often the waiting thread is interrupted; the interrupt is kept for the caller. A thread that was
     * never started does not run at all: its session, which the thread closes when it ends, is closed here.
     */
    static void stop(Thread thread, Session session, ReentrantLock lock, Condition condition, Runnable markStopping) {
        if (thread.getState() == Thread.State.NEW) {
            session.close();
            return;
        }
        lock.lock();
        try {
            markStopping.run();
            condition.signal();
        } finally {
            lock.unlock();
        }
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
}
