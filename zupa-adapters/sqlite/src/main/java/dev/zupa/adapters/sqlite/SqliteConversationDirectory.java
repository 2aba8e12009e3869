package dev.zupa.adapters.sqlite;

import dev.zupa.adapters.sqlite.internal.ClosingGate;
import dev.zupa.adapters.sqlite.internal.DirectoryMigrations;
import dev.zupa.adapters.sqlite.internal.DirectoryTables;
import dev.zupa.adapters.sqlite.internal.GroupCommitWriter;
import dev.zupa.adapters.sqlite.internal.SharedFile;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.ZupaException;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.conversation.ReplyPreference;
import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.conversation.User;
import dev.zupa.core.conversation.UserId;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * belongs to the checkpoint store. Either may open the file first; each migrates its own tables when it opens. Every
 * store and directory this JVM opens on one file shares the file's one writer and its read connections, so the
 * directory's writes and the store's checkpoints are committed together, in the same transactions. The first to open
 * the file chooses the busy timeout (and, for a store, the read connections and batch size; a directory that opens it
 * first uses the store's defaults); {@code synchronous} must be the same for all of them, and an opener that asks for
 * another one fails with a {@link ZupaConfigurationException}. Two processes on one file still take turns on SQLite's
 * write lock, waiting up to the {@link Builder#busyTimeout busy timeout} for each other.
 *
 * <p><b>Atomicity.</b> {@link #userFor userFor} and {@link #activeSession activeSession} first look on a read
 * connection; only when nothing is found do they hand the file's writer a write that looks again and creates inside
 * its {@code BEGIN IMMEDIATE} transaction. One writer per file in this JVM, and SQLite's write lock against other
 * processes, make racing callers create one user and one session, and an id supplier is only called when its call
 * creates the row, at most once. A partial unique index keeps a user at one open session whatever writes the file.
 *
 * <p><b>Durability.</b> The file is in write-ahead-log mode with {@code synchronous=FULL} by default: a call that
 * writes returns once its transaction is fsync'd. Instants are stored to the nanosecond, for the years 1677 to 2262;
 * an instant outside that range is refused with an {@link IllegalArgumentException}.
 *
 * <p>Thread-safe; every method blocks and may be called from virtual threads. Reads run on the file's read
 * connections, which never wait for the writer; writes queue for the file's writer, which commits concurrent ones
 * together. Failures of the file are {@link ZupaException}s naming it; a closed directory throws
 * {@link IllegalStateException}.
 *
 * @since 0.1
 */
public final class SqliteConversationDirectory implements ConversationDirectory {
    private final Path path;
    private final Path absolutePath; // for error messages, as the driver sees the file
    private final SharedFile file;
    private final ClosingGate gate = new ClosingGate();

    private SqliteConversationDirectory(Path path, SharedFile file) {
        this.path = path;
        this.absolutePath = path.toAbsolutePath();
        this.file = file;
    }

    /**
     * Opens (creating when missing) a directory with the default settings: {@code synchronous=FULL} and a busy
     * timeout of 5 seconds.
     *
     * @param path the database file; missing parent directories are created; never null
     * @return the open directory; never null
     * @throws ZupaConfigurationException when the file is already open in this JVM with another {@code synchronous}
     *     setting than {@code FULL}
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
        Supplier<String> description = () -> "look up or create the user " + address + " on " + transport;
        var found = read(description, tables -> tables.userByAddress(transport, address));
        if (found.isPresent()) {
            return found.get();
        }
        var id = new OnceId<>(newId);
        return write(description, tables -> {
            var existing = tables.userByAddress(transport, address);
            if (existing.isPresent()) {
                return existing.get();
            }
            var userId = id.get();
            if (tables.user(userId).isPresent()) {
                throw new IllegalArgumentException(
                        "newId returned " + userId + ", which is already the id of another user");
            }
            var user = new User(userId, transport, address, displayName, ReplyPreference.MIRROR, now);
            tables.insertUser(user, created);
            return user;
        });
    }

    @Override
    public Optional<User> user(UserId id) {
        Objects.requireNonNull(id, "id");
        return read(() -> "read user " + id, tables -> tables.user(id));
    }

    @Override
    public void setPreference(UserId id, ReplyPreference preference) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(preference, "preference");
        write(() -> "set the preference of user " + id, tables -> {
            if (!tables.updatePreference(id, preference)) {
                throw new IllegalArgumentException("unknown user " + id);
            }
            return null;
        });
    }

    @Override
    public Session activeSession(UserId userId, Supplier<SessionId> newId, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(newId, "newId");
        long started = DirectoryTables.nanos(Objects.requireNonNull(now, "now"), "now");
        Supplier<String> description = () -> "find or open the session of user " + userId;
        var found = read(description, tables -> tables.openSession(userId));
        if (found.isPresent()) {
            return found.get();
        }
        var id = new OnceId<>(newId);
        return write(description, tables -> {
            var open = tables.openSession(userId);
            if (open.isPresent()) {
                return open.get();
            }
            if (tables.user(userId).isEmpty()) {
                throw new IllegalArgumentException("unknown user " + userId);
            }
            var sessionId = id.get();
            if (tables.session(sessionId).isPresent()) {
                throw new IllegalArgumentException(
                        "newId returned " + sessionId + ", which is already the id of another session");
            }
            tables.insertSession(sessionId, userId, started);
            return new Session(sessionId, userId, now, now, Optional.empty(), Optional.empty(), 0);
        });
    }

    @Override
    public Optional<Session> session(SessionId id) {
        Objects.requireNonNull(id, "id");
        return read(() -> "read session " + id, tables -> tables.session(id));
    }

    @Override
    public void touch(SessionId id, Instant at) {
        Objects.requireNonNull(id, "id");
        long when = DirectoryTables.nanos(Objects.requireNonNull(at, "at"), "at");
        write(() -> "touch session " + id, tables -> {
            if (!tables.touch(id, when)) {
                throw new IllegalArgumentException("unknown session " + id);
            }
            return null;
        });
    }

    @Override
    public boolean endSession(SessionId id, Instant at, String summary) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(summary, "summary");
        long when = DirectoryTables.nanos(Objects.requireNonNull(at, "at"), "at");
        return write(() -> "end session " + id, tables -> {
            if (tables.end(id, when, summary)) {
                return true;
            }
            if (tables.session(id).isEmpty()) {
                throw new IllegalArgumentException("unknown session " + id);
            }
            return false;
        });
    }

    @Override
    public List<Session> endedSessions(UserId userId, int limit) {
        Objects.requireNonNull(userId, "userId");
        requirePositive(limit);
        return read(() -> "list the ended sessions of user " + userId, tables -> tables.ended(userId, limit));
    }

    @Override
    public List<Session> activeSessions(int limit) {
        requirePositive(limit);
        return read(() -> "list the open sessions", tables -> tables.active(limit));
    }

    /**
     * Waits for the running calls, and closes the file unless a store or directory that shares it is still open.
     * Idempotent.
     */
    @Override
    public void close() {
        if (gate.close()) {
            file.release();
        }
    }

    @Override
    public String toString() {
        return "SqliteConversationDirectory[" + path + "]";
    }

    /** Queries or changes the tables; a write may be run more than once, and only its last run counts. */
    @FunctionalInterface
    private interface Call<T> {
        T run(DirectoryTables tables) throws SQLException;
    }

    /** What a write returned, handed from the writer's thread to the caller's. */
    private static final class Outcome<T> {
        // written by the committing thread before the caller is released (happens-before through the writer)
        @Nullable
        T value;
    }

    /**
     * The id supplier of one call, called at most once: the writer runs a write again when another write of its
     * batch failed, and the second run must insert the id the first one chose.
     */
    private static final class OnceId<T> {
        private final Supplier<T> supplier;

        // only touched by the thread running the write's batch
        private @Nullable T id;

        OnceId(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        T get() {
            var known = id;
            if (known == null) {
                known = Objects.requireNonNull(supplier.get(), "newId returned null");
                id = known;
            }
            return known;
        }
    }

    private <T> T read(Supplier<String> description, Call<T> call) {
        enter(description);
        try {
            return file.readers().read(session -> call.run(new DirectoryTables(session, absolutePath)));
        } catch (SQLException e) {
            throw failed(description, e.getMessage(), e);
        } finally {
            gate.exit();
        }
    }

    private <T> T write(Supplier<String> description, Call<T> call) {
        enter(description);
        try {
            var outcome = new Outcome<T>();
            GroupCommitWriter.Write apply =
                    session -> outcome.value = call.run(new DirectoryTables(session, absolutePath));
            file.writer().write(description, apply);
            return outcome.value;
        } catch (CheckpointStoreException e) {
            throw unwrap(description, e);
        } finally {
            gate.exit();
        }
    }

    /**
     * The writer reports every failure as a {@link CheckpointStoreException}. What the write itself threw (an unknown
     * session, a duplicate id, a row that cannot be read) reaches the caller as the write threw it; a failure of the
     * file becomes the directory's {@link ZupaException} naming it.
     */
    private RuntimeException unwrap(Supplier<String> description, CheckpointStoreException e) {
        Throwable cause = e;
        while (cause instanceof CheckpointStoreException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException refused) {
            // a new one, so that the stack trace shows the caller and not only the committing thread
            return new IllegalArgumentException(refused.getMessage(), e);
        }
        if (cause instanceof RuntimeException thrown && !(cause instanceof CheckpointStoreException)) {
            return thrown;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return failed(description, cause instanceof SQLException ? cause.getMessage() : e.getMessage(), e);
    }

    private void enter(Supplier<String> description) {
        if (!gate.enter()) {
            throw new IllegalStateException(
                    "the SQLite conversation directory " + path + " is closed; cannot " + description.get());
        }
    }

    private ZupaException failed(Supplier<String> description, @Nullable String problem, Exception cause) {
        return new ZupaException(
                "cannot " + description.get() + " in the SQLite conversation directory " + path + ": " + problem,
                cause);
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
        var absolutePath = path.toAbsolutePath();
        SharedFile file;
        try {
            file = SharedFile.acquire(
                    path,
                    new SharedFile.Settings(
                            builder.synchronous,
                            builder.busyTimeout,
                            SharedFile.Settings.DEFAULT_READ_CONNECTIONS,
                            SharedFile.Settings.DEFAULT_MAX_BATCH_SIZE));
        } catch (ZupaException e) {
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            throw cannotOpen(absolutePath, e);
        }
        try {
            file.migrate(session -> DirectoryMigrations.migrate(session, absolutePath));
        } catch (ZupaException e) {
            file.release();
            throw e;
        } catch (SQLException | RuntimeException e) {
            file.release();
            throw cannotOpen(absolutePath, e);
        }
        return new SqliteConversationDirectory(path, file);
    }

    private static ZupaException cannotOpen(Path file, Exception cause) {
        return new ZupaException(
                "cannot open the SQLite conversation directory file " + file + ": " + cause.getMessage(), cause);
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
         * How hard each commit works to reach the disk. Default {@link SqliteCheckpointStore.Synchronous#FULL}. When a
         * store or directory in this JVM already has the file open, this must be the setting it was opened with.
         *
         * @param synchronous the setting; never null
         * @return this builder; never null
         */
        public Builder synchronous(SqliteCheckpointStore.Synchronous synchronous) {
            this.synchronous = Objects.requireNonNull(synchronous, "synchronous");
            return this;
        }

        /**
         * How long a statement waits for a lock held by another process's connection to the same file before
         * failing. Default 5 seconds. Ignored when a store or directory in this JVM already has the file open: the
         * first one's setting holds.
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
         * Opens the directory: creates or upgrades its tables, and starts the file's writer or joins the writer of a
         * store or directory that already has the file open in this JVM.
         *
         * @return the open directory; never null
         * @throws IllegalStateException when no path was set
         * @throws ZupaConfigurationException when the file is already open in this JVM with another
         *     {@link #synchronous synchronous} setting
         * @throws ZupaException when the file cannot be opened or has a newer directory schema
         */
        public SqliteConversationDirectory build() {
            return create(this);
        }
    }
}
