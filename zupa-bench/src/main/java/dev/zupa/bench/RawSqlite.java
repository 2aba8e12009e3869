package dev.zupa.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling a store built on SQLite can reach on this disk: plain JDBC (xerial) on a WAL database with
 * {@code synchronous=FULL}, one single-row INSERT and one COMMIT per invocation, always on one thread. Every commit
 * is an fsync of the WAL, so this measures the disk's flush rate plus SQLite's least work per transaction.
 */
final class RawSqlite {
    private static final AtomicLong FILES = new AtomicLong();

    private RawSqlite() {}

    /** The ceiling as a harness contender: one "invocation" is one INSERT + COMMIT; runs on one thread. */
    static Harness.Contender contender(Path dir, int commits, int payload) {
        return new Harness.Contender() {
            @Override
            public String name() {
                return "raw-jdbc-insert+commit";
            }

            @Override
            public Harness.Target create(String label) throws Exception {
                Files.createDirectories(dir);
                var file = dir.resolve(
                        "raw-" + label + "-" + ProcessHandle.current().pid() + "-" + FILES.incrementAndGet() + ".db");
                deleteDatabase(file);
                return new RawTarget(file, payload);
            }

            @Override
            public int invocations(int n) {
                return commits;
            }

            @Override
            public int threads(int threads) {
                return 1;
            }
        };
    }

    private static final class RawTarget implements Harness.Target {
        private final Path file;
        private final Connection connection;
        private final PreparedStatement insert;
        private final byte[] data;
        private long commits;

        RawTarget(Path file, int payload) throws SQLException {
            this.file = file;
            this.data = new byte[payload];
            ThreadLocalRandom.current().nextBytes(data);
            this.connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (var s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, thread TEXT NOT NULL, data BLOB NOT NULL)");
            }
            if (!pragma(connection, "journal_mode").equalsIgnoreCase("wal")
                    || !pragma(connection, "synchronous").equals("2")) {
                throw new IllegalStateException("raw SQLite is not in WAL + synchronous=FULL mode");
            }
            connection.setAutoCommit(false);
            this.insert = connection.prepareStatement("INSERT INTO t (thread, data) VALUES (?, ?)");
        }

        @Override
        public boolean invoke(String threadId) throws SQLException {
            insert.setString(1, threadId);
            insert.setBytes(2, data);
            int rows = insert.executeUpdate();
            connection.commit();
            commits++;
            return rows == 1;
        }

        @Override
        public long checkpointsOf(String threadId) throws SQLException {
            try (var s = connection.prepareStatement("SELECT count(*) FROM t WHERE thread = ?")) {
                s.setString(1, threadId);
                try (var rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -1;
                }
            }
        }

        @Override
        public long checkpointWrites() {
            return commits;
        }

        @Override
        public void close() {
            try {
                insert.close();
                connection.close();
                deleteDatabase(file);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String pragma(Connection c, String name) throws SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : "?";
        }
    }

    static void deleteDatabase(Path file) {
        try {
            for (var suffix : List.of("", "-wal", "-shm", "-journal")) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
