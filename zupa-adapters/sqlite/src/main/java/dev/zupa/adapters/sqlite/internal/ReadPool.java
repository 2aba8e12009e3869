package dev.zupa.adapters.sqlite.internal;

import dev.zupa.engine.checkpoint.CheckpointStoreException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A fixed set of read-only connections. In WAL mode readers never wait for the writer, so a few connections serve
 * many virtual threads; a caller that finds none free waits in {@link ArrayBlockingQueue#take()}, which parks a
 * virtual thread without pinning its carrier.
 */
public final class ReadPool {
    /** A read, run inside one read transaction so that it sees one consistent snapshot. */
    @FunctionalInterface
    public interface Read<T> {
        /** Runs the queries. */
        T apply(Session session) throws SQLException;
    }

    private final List<Session> all;
    private final ArrayBlockingQueue<Session> idle;

    /** Takes ownership of the sessions. */
    public ReadPool(List<Session> sessions) {
        this.all = List.copyOf(sessions);
        this.idle = new ArrayBlockingQueue<>(all.size(), false, all);
    }

    /**
     * Runs a read on a free connection.
     *
     * @throws CheckpointStoreException when interrupted while waiting for a connection
     */
    public <T> T read(Read<T> read) throws SQLException {
        Session session;
        try {
            session = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckpointStoreException("interrupted while waiting for a SQLite read connection", e);
        }
        try {
            try {
                session.beginRead();
                T result = read.apply(session);
                session.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                session.rollbackQuietly();
                throw e;
            }
        } finally {
            idle.add(session);
        }
    }

    /** Closes every connection. Only once no read is running. */
    public void close() {
        all.forEach(Session::close);
    }
}
