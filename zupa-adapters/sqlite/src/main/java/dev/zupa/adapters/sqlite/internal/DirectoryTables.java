package dev.zupa.adapters.sqlite.internal;

import dev.zupa.core.ZupaException;
import dev.zupa.core.conversation.ReplyPreference;
import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.conversation.User;
import dev.zupa.core.conversation.UserId;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conversation directory's SQL, bound to one connection: a read connection of the file's {@link ReadPool} or the
 * write connection of its {@link GroupCommitWriter}, inside the transaction they run. Made per call, which is cheap:
 * the connection caches the prepared statements. Not thread-safe, as the connection is not.
 *
 * <p>Instants are stored as epoch nanoseconds in an {@code INTEGER}: exact to the nanosecond, and ordered as numbers,
 * which ISO-8601 text of varying length is not. The range is what a signed 64-bit count of nanoseconds holds, the
 * years 1677 to 2262.
 */
public final class DirectoryTables {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final String USER =
            "SELECT user_id, transport, address, display_name, preference, created_at" + " FROM zupa_users";
    private static final String SESSION =
            "SELECT session_id, user_id, started_at, last_active_at, ended_at, summary, turns FROM zupa_sessions";

    private final dev.zupa.adapters.sqlite.internal.Session connection;
    private final Path file;

    /**
     * Binds the SQL to a connection.
     *
     * @param connection the connection, inside a transaction
     * @param file the database file, for error messages
     */
    public DirectoryTables(dev.zupa.adapters.sqlite.internal.Session connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /**
     * An instant as epoch nanoseconds.
     *
     * @throws IllegalArgumentException naming the instant when it is outside the years 1677 to 2262
     */
    public static long nanos(Instant instant, String name) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    name + " " + instant + " is outside what the SQLite conversation directory stores ("
                            + Instant.ofEpochSecond(0, Long.MIN_VALUE) + " to "
                            + Instant.ofEpochSecond(0, Long.MAX_VALUE) + ")",
                    e);
        }
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    /** The user with this address. */
    public Optional<User> userByAddress(String transport, String address) throws SQLException {
        var query = connection.prepare(USER + " WHERE transport = ? AND address = ?");
        query.setString(1, transport);
        query.setString(2, address);
        return oneUser(query);
    }

    /** The user with this id. */
    public Optional<User> user(UserId id) throws SQLException {
        var query = connection.prepare(USER + " WHERE user_id = ?");
        query.setString(1, id.value());
        return oneUser(query);
    }

    /** Inserts a user unless one has its address; a second user with its id fails. */
    public void insertUser(User user, long createdAt) throws SQLException {
        var insert = connection.prepare("INSERT INTO zupa_users"
                + " (user_id, transport, address, display_name, preference, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (transport, address) DO NOTHING");
        insert.setString(1, user.id().value());
        insert.setString(2, user.transport());
        insert.setString(3, user.address());
        insert.setString(4, user.displayName());
        insert.setString(5, user.preference().name());
        insert.setLong(6, createdAt);
        insert.executeUpdate();
    }

    /** Sets a user's preference; false when there is no such user. */
    public boolean updatePreference(UserId id, ReplyPreference preference) throws SQLException {
        var update = connection.prepare("UPDATE zupa_users SET preference = ? WHERE user_id = ?");
        update.setString(1, preference.name());
        update.setString(2, id.value());
        return update.executeUpdate() > 0;
    }

    /** The user's open session. */
    public Optional<Session> openSession(UserId userId) throws SQLException {
        var query = connection.prepare(SESSION + " WHERE user_id = ? AND ended_at IS NULL");
        query.setString(1, userId.value());
        var found = sessions(query);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The session with this id. */
    public Optional<Session> session(SessionId id) throws SQLException {
        var query = connection.prepare(SESSION + " WHERE session_id = ?");
        query.setString(1, id.value());
        var found = sessions(query);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Inserts an open session with no turns. */
    public void insertSession(SessionId id, UserId userId, long startedAt) throws SQLException {
        var insert = connection.prepare("INSERT INTO zupa_sessions"
                + " (session_id, user_id, started_at, last_active_at, ended_at, summary, turns)"
                + " VALUES (?, ?, ?, ?, NULL, NULL, 0)");
        insert.setString(1, id.value());
        insert.setString(2, userId.value());
        insert.setLong(3, startedAt);
        insert.setLong(4, startedAt);
        insert.executeUpdate();
    }

    /** Sets the last activity and counts a turn; false when there is no such session. */
    public boolean touch(SessionId id, long at) throws SQLException {
        var update = connection.prepare(
                "UPDATE zupa_sessions SET last_active_at = ?, turns = turns + 1 WHERE session_id = ?");
        update.setLong(1, at);
        update.setString(2, id.value());
        return update.executeUpdate() > 0;
    }

    /** Ends an open session; false when there is no such open session. */
    public boolean end(SessionId id, long at, String summary) throws SQLException {
        var update = connection.prepare(
                "UPDATE zupa_sessions SET ended_at = ?, summary = ? WHERE session_id = ? AND ended_at IS NULL");
        update.setLong(1, at);
        update.setString(2, summary);
        update.setString(3, id.value());
        return update.executeUpdate() > 0;
    }

    /** A user's ended sessions, newest end first. */
    public List<Session> ended(UserId userId, int limit) throws SQLException {
        var query = connection.prepare(
                SESSION + " WHERE user_id = ? AND ended_at IS NOT NULL ORDER BY ended_at DESC, seq DESC LIMIT ?");
        query.setString(1, userId.value());
        query.setInt(2, limit);
        return sessions(query);
    }

    /** Open sessions, oldest activity first. */
    public List<Session> active(int limit) throws SQLException {
        var query = connection.prepare(SESSION + " WHERE ended_at IS NULL ORDER BY last_active_at, seq LIMIT ?");
        query.setInt(1, limit);
        return sessions(query);
    }

    private Optional<User> oneUser(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            var id = rows.getString(1);
            var preference = rows.getString(5);
            try {
                return Optional.of(new User(
                        new UserId(id),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        ReplyPreference.valueOf(preference),
                        instant(rows.getLong(6))));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw corrupt("user " + id, "preference '" + preference + "': " + e.getMessage(), e);
            }
        }
    }

    private List<Session> sessions(PreparedStatement query) throws SQLException {
        var found = new ArrayList<Session>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                var id = rows.getString(1);
                try {
                    long endedAt = rows.getLong(5);
                    var ended = rows.wasNull() ? Optional.<Instant>empty() : Optional.of(instant(endedAt));
                    found.add(new Session(
                            new SessionId(id),
                            new UserId(rows.getString(2)),
                            instant(rows.getLong(3)),
                            instant(rows.getLong(4)),
                            ended,
                            Optional.ofNullable(rows.getString(6)),
                            rows.getLong(7)));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw corrupt("session " + id, e.getMessage(), e);
                }
            }
        }
        return found;
    }

    private ZupaException corrupt(String what, String problem, Exception cause) {
        return new ZupaException(
                what + " in the SQLite conversation directory " + file + " cannot be read: " + problem, cause);
    }
}
