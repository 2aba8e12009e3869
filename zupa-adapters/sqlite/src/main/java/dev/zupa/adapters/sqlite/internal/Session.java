package dev.zupa.adapters.sqlite.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One SQLite connection with its prepared statements, used by one thread at a time. Transactions are explicit SQL
 * ({@code BEGIN IMMEDIATE} … {@code COMMIT}) on a connection left in JDBC auto-commit mode, because the driver's own
 * transaction handling opens the next transaction as soon as one commits, which would hold the write lock between
 * batches.
 */
public final class Session implements AutoCloseable {
    private final Connection connection;
    private final Statement plain;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    private Session(Connection connection) throws SQLException {
        this.connection = connection;
        this.plain = connection.createStatement();
    }

    /**
     * Opens a connection to a database file.
     *
     * @param file the database file; created when missing
     * @param busyTimeout how long a statement waits for a lock another connection holds
     * @param pragmas further {@code PRAGMA} statements to run first, such as {@code "synchronous = FULL"}
     */
    public static Session open(Path file, Duration busyTimeout, String... pragmas) throws SQLException {
        var connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            var session = new Session(connection);
            session.execute("PRAGMA busy_timeout = " + busyTimeout.toMillis());
            for (var pragma : pragmas) {
                session.execute("PRAGMA " + pragma);
            }
            return session;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Runs a statement that returns no rows, such as {@code COMMIT}. */
    public void execute(String sql) throws SQLException {
        plain.execute(sql);
    }

    /** Runs a query that returns one text value, such as {@code PRAGMA journal_mode = WAL}. */
    public String queryText(String sql) throws SQLException {
        try (ResultSet rows = plain.executeQuery(sql)) {
            if (!rows.next()) {
                throw new SQLException("no result from: " + sql);
            }
            return rows.getString(1);
        }
    }

    /** A prepared statement for this SQL, prepared once per connection and reused. */
    public PreparedStatement prepare(String sql) throws SQLException {
        var statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    /** Rolls back the open transaction, if any; a failure here changes nothing the caller can act on. */
    public void rollbackQuietly() {
        try {
            plain.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open, or SQLite had already rolled it back after an I/O error
        }
    }

    /** Closes the statements and the connection, ignoring failures: the data is committed or it is not. */
    @Override
    public void close() {
        for (var statement : prepared.values()) {
            closeQuietly(statement);
        }
        closeQuietly(plain);
        closeQuietly(connection);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
