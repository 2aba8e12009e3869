package dev.zupa.adapters.sqlite.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite connection with its prepared statements, used by one thread at a time.
 *
 * <p><b>Transactions</b> are explicit SQL ({@link #beginWrite()} / {@link #beginRead()} … {@link #commit()}), run
 * through statements prepared once per connection. The driver is told that auto-commit is off, but SQLite itself
 * stays in auto-commit mode between those transactions:
 *
 * <ul>
 *   <li>in auto-commit mode the xerial driver follows <em>every</em> statement with a probe ({@code begin;} and,
 *       when that succeeds, {@code commit;}), which costs two extra steps per insert;
 *   <li>the driver's own transaction handling ({@link Connection#commit()}) prepares {@code commit;} and the next
 *       {@code begin} from text each time, and opens the next transaction as soon as one commits, which with
 *       {@code BEGIN IMMEDIATE} would hold the write lock between batches.
 * </ul>
 *
 * <p>So nothing here calls {@link Connection#commit()} or {@link Connection#rollback()}; the driver's idea of the
 * transaction state is never consulted.
 *
 * <p><b>Generated keys</b> are switched off: with them on, the driver runs a regular expression over every statement
 * and, after every {@code INSERT}, prepares and runs {@code SELECT last_insert_rowid()}. Nothing here reads them.
 *
 * <p><b>Failed statements.</b> When a statement fails with most error codes, the driver finalizes it, and a cached
 * {@link PreparedStatement} is then dead for good. Whoever sees a failure calls {@link #discardStatements()}, and
 * the statements are prepared afresh on their next use.
 */
public final class Session implements AutoCloseable {
    private final Connection connection;
    private final Statement plain;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private @Nullable PreparedStatement beginWrite;
    private @Nullable PreparedStatement beginRead;
    private @Nullable PreparedStatement commit;

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
        var config = new SQLiteConfig();
        config.setGetGeneratedKeys(false);
        var connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            var session = new Session(connection);
            // the driver answers this with "begin;" (deferred: no lock is taken); end that transaction at once
            connection.setAutoCommit(false);
            session.commit();
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

    /** Starts a write transaction: {@code BEGIN IMMEDIATE}, which takes the write lock (or waits for it) at once. */
    public void beginWrite() throws SQLException {
        var statement = beginWrite;
        if (statement == null) {
            statement = connection.prepareStatement("BEGIN IMMEDIATE");
            beginWrite = statement;
        }
        statement.execute();
    }

    /** Starts a read transaction: {@code BEGIN}, whose first read fixes the snapshot the transaction sees. */
    public void beginRead() throws SQLException {
        var statement = beginRead;
        if (statement == null) {
            statement = connection.prepareStatement("BEGIN");
            beginRead = statement;
        }
        statement.execute();
    }

    /** Commits the open transaction; with {@code synchronous=FULL} a write transaction is fsync'd when this returns. */
    public void commit() throws SQLException {
        var statement = commit;
        if (statement == null) {
            statement = connection.prepareStatement("COMMIT");
            commit = statement;
        }
        statement.execute();
    }

    /** Runs a statement that returns no rows and is not run often enough to keep prepared, such as a pragma. */
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

    /**
     * Closes every cached prepared statement, so that the next use prepares it again. Call after a failure: the driver
     * finalizes a statement that fails, which would leave the cached one unusable.
     */
    public void discardStatements() {
        for (var statement : prepared.values()) {
            closeQuietly(statement);
        }
        prepared.clear();
        closeQuietly(beginWrite);
        closeQuietly(beginRead);
        closeQuietly(commit);
        beginWrite = null;
        beginRead = null;
        commit = null;
    }

    /**
     * Rolls back the open transaction, if any, and {@link #discardStatements() discards} the prepared statements: this
     * is only called after a failure. A failure here changes nothing the caller can act on.
     */
    public void rollbackQuietly() {
        discardStatements();
        try {
            plain.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open, or SQLite had already rolled it back after an I/O error
        }
    }

    /** Closes the statements and the connection, ignoring failures: the data is committed or it is not. */
    @Override
    public void close() {
        discardStatements();
        closeQuietly(plain);
        closeQuietly(connection);
    }

    private static void closeQuietly(@Nullable AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
