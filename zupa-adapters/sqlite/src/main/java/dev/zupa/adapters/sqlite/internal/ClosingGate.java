package dev.zupa.adapters.sqlite.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets any number of operations run until the store closes, and lets {@link #close()} wait for those already running.
 * A read-write lock would do the same but caps read holds at 65,535, which enough virtual threads can reach.
 */
public final class ClosingGate {
    private final AtomicLong running = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private volatile boolean closed;

    /**
     * Enters an operation.
     *
     * @return false when the gate is closed (the caller must not run, nor call {@link #exit()})
     */
    public boolean enter() {
        running.incrementAndGet();
        if (closed) {
            exit();
            return false;
        }
        return true;
    }

    /** Leaves an operation entered with a successful {@link #enter()}. */
    public void exit() {
        if (running.decrementAndGet() == 0 && closed) {
            lock.lock();
            try {
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Closes the gate and waits until no operation runs.
     *
     * @return false when it was already closed
     */
    public boolean close() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            boolean interrupted = false;
            while (running.get() > 0) {
                try {
                    idle.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }
}
