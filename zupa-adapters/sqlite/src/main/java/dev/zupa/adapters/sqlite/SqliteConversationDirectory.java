package dev.zupa.adapters.sqlite;

import dev.zupa.adapters.sqlite.internal.DirectoryTables;
import dev.zupa.core.ZupaException;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.conversation.ReplyPreference;
import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.conversation.User;
import dev.zupa.core.conversation.UserId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ConversationDirectory} in one SQLite file, which it may share with a {@link SqliteCheckpointStore}.
 *
 * <pre>{@code
 * try (var directory = SqliteConversationDirectory.open(Path.of("zupa.db"));
 *         var store = SqliteCheckpointStore.open(Path.of("zupa.db"))) {
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Sharing a file.</b> The directory's tables and indexes are named {@code zupa_*}, which the checkpoint store's
 * are not, and it keeps its schema version in a row of its own table instead of SQLite's {@code user_version}, which
 * belongs to the checkpoint store. Either may open the file first. Each uses its own connections; writes of the two
 * take turns on SQLite's write lock, waiting up to the {@link Builder#busyTimeout busy timeout} for each other.
 *
 * <p><b>Atomicity.</b> {@link #userFor userFor} and {@link #activeSession activeSession} first look without taking
 * the write lock; only when nothing is found do they look again and create inside one {@code BEGIN IMMEDIATE}
 * transaction. So racing callers, in this process or in another one using the same file, create one user and one
 * session, and an id supplier is only called when its call creates the row. A partial unique index keeps a user at
 * one open session whatever writes the file.
 *
 * <p><b>Durability.</b> The file is in write-ahead-log mode with {@code synchronous=FULL} by default: a call that
 * writes returns once its transaction is fsync'd. Instants are stored to the nanosecond, for the years 1677 to 2262;
 * an instant outside that range is refused with an {@link IllegalArgumentException}.
 *
 * <p>Thread-safe. Calls are served one at a time on one connection (each is a few index lookups, plus an fsync for a
 * write); a waiting virtual thread parks, and the running one pins its carrier while it is inside the SQLite driver.
 * Failures of the file are {@link ZupaException}s naming it; a closed directory throws {@link IllegalStateException}.
 *
 * @since 0.1
 */
public final class SqliteConversationDirectory implements ConversationDirectory {
    private final Path path;
    private final DirectoryTables tables;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private SqliteConversationDirectory(Path path, DirectoryTables tables) {
        this.path = path;
        this.tables = tables;
    }

    /**
     * Opens (creating when missing) a directory with the default settings: {@code synchronous=FULL} and a busy
     * timeout of 5 seconds.
     *
     * @param path the database file; missing parent directories are created; never null
     * @return the open directory; never null
     * @throws ZupaException when the file cannot be opened or has a newer directory schema
     */
    public static SqliteConversationDirectory open(Path path) {
        return builder().path(path).build();
    }

    /**
     * Starts a builder.
     *
     * @return a new builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The database file.
     *
     * @return the path the directory was opened with; never null
     */
    public Path path() {
        return path;
    }

    @Override
    public User userFor(String transport, String address, String displayName, Supplier<UserId> newId, Instant now) {
        requireText(transport, "transport");
        requireText(address, "address");
        requireText(displayName, "displayName");
        Objects.requireNonNull(newId, "newId");
        long created = DirectoryTables.nanos(Objects.requireNonNull(now, "now"), "now");
        return locked(() -> "look up or create the user " + address + " on " + transport, () -> {
            var found = tables.userByAddress(transport, address);
            if (found.isPresent()) {
                return found.get();
            }
            return inWriteTransaction(() -> {
                var existing = tables.userByAddress(transport, address);
                if (existing.isPresent()) {
                    return existing.get();
                }
                var id = Objects.requireNonNull(newId.get(), "newId returned null");
                if (tables.user(id).isPresent()) {
                    throw new IllegalArgumentException(
                            "newId returned " + id + ", which is already the id of another user");
                }
                var user = new User(id, transport, address, displayName, ReplyPreference.MIRROR, now);
                tables.insertUser(user, created);
                return user;
            });
        });
    }

    @Override
    public Optional<User> user(UserId id) {
        Objects.requireNonNull(id, "id");
        return locked(() -> "read user " + id, () -> tables.user(id));
    }

    @Override
    public void setPreference(UserId id, ReplyPreference preference) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(preference, "preference");
        locked(
                () -> "set the preference of user " + id,
                () -> inWriteTransaction(() -> {
                    if (!tables.updatePreference(id, preference)) {
                        throw new IllegalArgumentException("unknown user " + id);
                    }
                    return null;
                }));
    }

    @Override
    public Session activeSession(UserId userId, Supplier<SessionId> newId, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(newId, "newId");
        long started = DirectoryTables.nanos(Objects.requireNonNull(now, "now"), "now");
        return locked(() -> "find or open the session of user " + userId, () -> {
            var found = tables.openSession(userId);
            if (found.isPresent()) {
                return found.get();
            }
            return inWriteTransaction(() -> {
                var open = tables.openSession(userId);
                if (open.isPresent()) {
                    return open.get();
                }
                if (tables.user(userId).isEmpty()) {
                    throw new IllegalArgumentException("unknown user " + userId);
                }
                var id = Objects.requireNonNull(newId.get(), "newId returned null");
                if (tables.session(id).isPresent()) {
                    throw new IllegalArgumentException(
                            "newId returned " + id + ", which is already the id of another session");
                }
                tables.insertSession(id, userId, started);
                return new Session(id, userId, now, now, Optional.empty(), Optional.empty(), 0);
            });
        });
    }

    @Override
    public Optional<Session> session(SessionId id) {
        Objects.requireNonNull(id, "id");
        return locked(() -> "read session " + id, () -> tables.session(id));
    }

    @Override
    public void touch(SessionId id, Instant at) {
        Objects.requireNonNull(id, "id");
        long when = DirectoryTables.nanos(Objects.requireNonNull(at, "at"), "at");
        locked(
                () -> "touch session " + id,
                () -> inWriteTransaction(() -> {
                    if (!tables.touch(id, when)) {
                        throw new IllegalArgumentException("unknown session " + id);
                    }
                    return null;
                }));
    }

    @Override
    public boolean endSession(SessionId id, Instant at, String summary) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(summary, "summary");
        long when = DirectoryTables.nanos(Objects.requireNonNull(at, "at"), "at");
        return locked(
                () -> "end session " + id,
                () -> inWriteTransaction(() -> {
                    if (tables.end(id, when, summary)) {
                        return true;
                    }
                    if (tables.session(id).isEmpty()) {
                        throw new IllegalArgumentException("unknown session " + id);
                    }
                    return false;
                }));
    }

    @Override
    public List<Session> endedSessions(UserId userId, int limit) {
        Objects.requireNonNull(userId, "userId");
        requirePositive(limit);
        return locked(() -> "list the ended sessions of user " + userId, () -> tables.ended(userId, limit));
    }

    @Override
    public List<Session> activeSessions(int limit) {
        requirePositive(limit);
        return locked(() -> "list the open sessions", () -> tables.active(limit));
    }

    /** Waits for the running call, if any, and closes the file. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                tables.close();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SqliteConversationDirectory[" + path + "]";
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws SQLException;
    }

    private <T> T locked(Supplier<String> description, Call<T> call) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(
                        "the SQLite conversation directory " + path + " is closed; cannot " + description.get());
            }
            return call.run();
        } catch (SQLException e) {
            tables.rollbackQuietly();
            throw new ZupaException(
                    "cannot " + description.get() + " in the SQLite conversation directory " + path + ": "
                            + e.getMessage(),
                    e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs the call in a {@code BEGIN IMMEDIATE} transaction; anything it throws, errors included, rolls it back. */
    private <T> T inWriteTransaction(Call<T> call) throws SQLException {
        tables.beginWrite();
        try {
            T result = call.run();
            tables.commit();
            return result;
        } catch (Throwable e) {
            tables.rollbackQuietly();
            throw e;
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }

    private static SqliteConversationDirectory create(Builder builder) {
        var path = builder.path;
        if (path == null) {
            throw new IllegalStateException("path is required: call path(Path) before build()");
        }
        var file = path.toAbsolutePath();
        try {
            var parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new SqliteConversationDirectory(
                    path, DirectoryTables.open(file, builder.busyTimeout, builder.synchronous.name()));
        } catch (ZupaException e) {
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new ZupaException(
                    "cannot open the SQLite conversation directory file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Configures a {@link SqliteConversationDirectory}. Mutable and not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable Path path;
        private SqliteCheckpointStore.Synchronous synchronous = SqliteCheckpointStore.Synchronous.FULL;
        private Duration busyTimeout = Duration.ofSeconds(5);

        private Builder() {}

        /**
         * The database file. Required. It may be the file of a {@link SqliteCheckpointStore}.
         *
         * @param path the file; created with its parent directories when missing; never null
         * @return this builder; never null
         */
        public Builder path(Path path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * How hard each commit works to reach the disk. Default {@link SqliteCheckpointStore.Synchronous#FULL}.
         *
         * @param synchronous the setting; never null
         * @return this builder; never null
         */
        public Builder synchronous(SqliteCheckpointStore.Synchronous synchronous) {
            this.synchronous = Objects.requireNonNull(synchronous, "synchronous");
            return this;
        }

        /**
         * How long a statement waits for a lock held by another connection to the same file (a checkpoint store
         * sharing it, another process) before failing. Default 5 seconds.
         *
         * @param busyTimeout the wait; never null, not negative
         * @return this builder; never null
         * @throws IllegalArgumentException when negative
         */
        public Builder busyTimeout(Duration busyTimeout) {
            Objects.requireNonNull(busyTimeout, "busyTimeout");
            if (busyTimeout.isNegative()) {
                throw new IllegalArgumentException("busyTimeout must not be negative, was " + busyTimeout);
            }
            this.busyTimeout = busyTimeout;
            return this;
        }

        /**
         * Opens the directory: creates or upgrades its tables.
         *
         * @return the open directory; never null
         * @throws IllegalStateException when no path was set
         * @throws ZupaException when the file cannot be opened or has a newer directory schema
         */
        public SqliteConversationDirectory build() {
            return create(this);
        }
    }
}
