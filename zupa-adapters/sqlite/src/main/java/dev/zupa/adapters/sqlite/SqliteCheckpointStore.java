package dev.zupa.adapters.sqlite;

import dev.zupa.adapters.sqlite.internal.CheckpointCache;
import dev.zupa.adapters.sqlite.internal.CheckpointRows;
import dev.zupa.adapters.sqlite.internal.ClosingGate;
import dev.zupa.adapters.sqlite.internal.GroupCommitWriter;
import dev.zupa.adapters.sqlite.internal.LedgerRows;
import dev.zupa.adapters.sqlite.internal.Migrations;
import dev.zupa.adapters.sqlite.internal.ReadPool;
import dev.zupa.adapters.sqlite.internal.SharedFile;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.json.JsonCodec;
import dev.zupa.core.json.JsonCodecException;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.engine.checkpoint.LedgerRetention;
import dev.zupa.engine.checkpoint.LedgerVerification;
import dev.zupa.engine.checkpoint.LedgerWrite;
import dev.zupa.engine.checkpoint.PendingWrite;
import dev.zupa.engine.checkpoint.StoredCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CheckpointStore} in one SQLite file: Zupa's embedded default.
 *
 * <pre>{@code
 * try (var store = SqliteCheckpointStore.open(Path.of("zupa.db"))) {
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Durability.</b> The file is in write-ahead-log mode with {@code synchronous=FULL} by default: a write returns
 * once its transaction is committed and fsync'd, so it survives a crash of the process and of the machine.
 * {@link Synchronous#NORMAL} survives a crash of the process only; {@link Synchronous#OFF} is for tests.
 *
 * <p><b>Group commit.</b> Writes that arrive while a commit is running queue up, and a writer thread commits them
 * together in one transaction (one fsync) before it releases their callers. Throughput under concurrency is therefore
 * not capped at one fsync per checkpoint. When writes come one at a time, a caller on a platform thread commits its
 * own write on its own thread instead, which spares it two thread hand-offs. A write that fails alone (pending writes
 * for an unknown checkpoint) fails alone; the rest of its batch is committed.
 *
 * <p><b>Reads</b> run on a small pool of read-only connections and never wait for the writer.
 *
 * <p><b>Sharing a file.</b> Every store and {@link SqliteConversationDirectory} that this JVM opens on one file shares
 * the file's one writer and its read connections, so their writes are committed together in the same transactions.
 * The first to open the file chooses the busy timeout, the read connections and the batch size, which hold until the
 * last one on the file closes; {@code synchronous} must be the same for all of them, and an opener that asks for
 * another one fails with a {@link ZupaConfigurationException}. Two processes on one file still take turns on SQLite's
 * write lock, waiting up to the {@link Builder#busyTimeout busy timeout} for each other.
 *
 * <p><b>Schema.</b> Opening a file creates or upgrades its tables in one transaction. A file written by a newer Zupa,
 * with a schema this version does not know, is refused with a {@link CheckpointStoreException}.
 *
 * <p>Thread-safe; every method blocks and may be called from virtual threads. Calls into the SQLite driver pin the
 * calling virtual thread's carrier for their duration; reads are short, and a virtual thread's writes are always
 * committed, fsync included, on the writer thread.
 *
 * @since 0.1
 */
public final class SqliteCheckpointStore implements CheckpointStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteCheckpointStore.class);
    private static final long DEFAULT_CACHE_BYTES = 8L << 20;

    private final Path path;
    private final CheckpointRows rows;
    private final SharedFile file;
    private final ClosingGate gate = new ClosingGate();
    private final LedgerRows ledgerRows = new LedgerRows();
    private final CheckpointCache cache;

    private SqliteCheckpointStore(Path path, CheckpointRows rows, SharedFile file, CheckpointCache cache) {
        this.path = path;
        this.rows = rows;
        this.file = file;
        this.cache = cache;
    }

    /**
     * Opens (creating when missing) a store with the default settings: {@link Synchronous#FULL}, a busy timeout of 5
     * seconds and 4 read connections.
     *
     * @param path the database file; missing parent directories are created; never null
     * @return the open store; never null
     * @throws ZupaConfigurationException when the file is already open in this JVM with another {@code synchronous}
     *     setting than {@link Synchronous#FULL}
     * @throws CheckpointStoreException when the file cannot be opened or has a newer schema
     */
    public static SqliteCheckpointStore open(Path path) {
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
     * @return the path the store was opened with; never null
     */
    public Path path() {
        return path;
    }

    /**
     * Transactions the file's writer has committed; fewer than writes when group commit batches them. The writer is
     * shared with every store and directory open on the file, so this counts their commits too. For tests.
     */
    long commits() {
        return file.writer().commits();
    }

    /** The checkpoint cache. For tests. */
    CheckpointCache cache() {
        return cache;
    }

    /** Writes the file's writer has committed, of every store and directory open on the file. For tests. */
    long writes() {
        return file.writer().writes();
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs) {
        put(checkpoint, blobs, List.of());
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs, List<LedgerWrite> ledger) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        var copy = List.copyOf(blobs);
        var entries = List.copyOf(ledger);
        String json;
        try {
            json = rows.encode(checkpoint);
        } catch (JsonCodecException e) {
            throw new CheckpointStoreException(
                    "cannot encode checkpoint " + checkpoint.id() + " of thread " + checkpoint.threadId() + ": "
                            + e.getMessage(),
                    e);
        }
        var inserted = new AtomicBoolean();
        write(() -> "checkpoint " + checkpoint.id() + " of thread " + checkpoint.threadId(), session -> {
            // set, not or-ed: the writer runs a write again when its batch is retried
            inserted.set(rows.insert(session, checkpoint, json, copy));
            if (inserted.get()) {
                ledgerRows.insert(
                        session, checkpoint.threadId(), checkpoint.namespace(), Optional.of(checkpoint.id()), entries);
            }
        });
        if (inserted.get()) {
            // committed: the next load of this thread finds it without reading its chains back
            cache.resolveChild(checkpoint, copy).ifPresent(resolved -> cache.put(resolved, json.length()));
        }
    }

    @Override
    public void appendLedger(ThreadId threadId, String namespace, List<LedgerWrite> ledger) {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(namespace, "namespace");
        var entries = List.copyOf(ledger);
        write(
                () -> entries.size() + " ledger entries of thread " + threadId,
                session -> ledgerRows.insert(session, threadId, namespace, Optional.empty(), entries));
    }

    @Override
    public List<LedgerEntry> ledger(LedgerQuery query) {
        Objects.requireNonNull(query, "query");
        return read(() -> "the ledger", session -> ledgerRows.query(session, query));
    }

    @Override
    public List<LedgerEntry> openLedgerEntries(String openType, Set<String> closingTypes, int limit) {
        Objects.requireNonNull(openType, "openType");
        if (closingTypes.isEmpty()) {
            throw new IllegalArgumentException("name at least one closing type");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        var closing = Set.copyOf(closingTypes);
        return read(
                () -> "the open '" + openType + "' ledger entries",
                session -> ledgerRows.open(session, openType, closing, limit));
    }

    @Override
    public LedgerVerification verifyLedger(ThreadId threadId) {
        Objects.requireNonNull(threadId, "threadId");
        return read(
                () -> "the ledger of thread " + threadId, session -> ledgerRows.verify(session, Optional.of(threadId)));
    }

    @Override
    public LedgerVerification verifyLedger() {
        return read(() -> "the ledger", session -> ledgerRows.verify(session, Optional.empty()));
    }

    @Override
    public long purgeLedger(Instant olderThan, Clock clock) {
        var now = LedgerRetention.checkCutOff(olderThan, clock);
        // set, not added to: the writer runs a write again when its batch is retried
        var outcome = new AtomicReference<LedgerRows.Purge>();
        write(
                () -> "the purge of ledger entries recorded before " + olderThan,
                session -> outcome.set(ledgerRows.purge(session, olderThan, now)));
        var purge = outcome.get();
        log.info(
                "purged {} ledger entries recorded before {} from {} threads in {}",
                purge.removed(),
                olderThan,
                purge.threads(),
                path);
        return purge.removed();
    }

    @Override
    public boolean keepsLedger() {
        return true;
    }

    @Override
    public void putPendingWrites(
            ThreadId threadId, String namespace, CheckpointId checkpointId, List<PendingWrite> writes) {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(checkpointId, "checkpointId");
        var copy = List.copyOf(writes);
        write(
                () -> "pending writes against checkpoint " + checkpointId + " of thread " + threadId,
                session -> rows.insertPendingWrites(session, threadId, namespace, checkpointId, copy));
    }

    @Override
    public Optional<StoredCheckpoint> latest(ThreadId threadId, String namespace) {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(namespace, "namespace");
        return read(
                () -> "the latest checkpoint of thread " + threadId,
                session -> rows.latest(session, threadId, namespace, cache));
    }

    @Override
    public Optional<StoredCheckpoint> get(ThreadId threadId, String namespace, CheckpointId id) {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(id, "id");
        return read(
                () -> "checkpoint " + id + " of thread " + threadId,
                session -> rows.get(session, threadId, namespace, id, cache));
    }

    @Override
    public List<Checkpoint> history(ThreadId threadId, String namespace, int limit) {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(namespace, "namespace");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return read(
                () -> "the history of thread " + threadId,
                session -> rows.history(session, threadId, namespace, limit, cache));
    }

    @Override
    public void deleteThread(ThreadId threadId) {
        Objects.requireNonNull(threadId, "threadId");
        write(() -> "the deletion of thread " + threadId, session -> rows.deleteThread(session, threadId));
    }

    /**
     * Waits for running calls to finish, commits what is queued, and closes the file unless a store or directory that
     * shares it is still open. Later calls fail with {@link CheckpointStoreException}. Idempotent.
     */
    @Override
    public void close() {
        if (gate.close()) {
            file.release();
        }
    }

    @Override
    public String toString() {
        return "SqliteCheckpointStore[" + path + "]";
    }

    private void write(Supplier<String> description, GroupCommitWriter.Write write) {
        if (!gate.enter()) {
            throw closed(description.get());
        }
        try {
            file.writer().write(description, write);
        } finally {
            gate.exit();
        }
    }

    private <T> T read(Supplier<String> description, ReadPool.Read<T> read) {
        if (!gate.enter()) {
            throw closed(description.get());
        }
        try {
            return file.readers().read(read);
        } catch (SQLException e) {
            throw new CheckpointStoreException(
                    "cannot read " + description.get() + " from " + path + ": " + e.getMessage(), e);
        } finally {
            gate.exit();
        }
    }

    private CheckpointStoreException closed(String description) {
        return new CheckpointStoreException(
                "the SQLite checkpoint store " + path + " is closed; cannot access " + description);
    }

    private static SqliteCheckpointStore create(Builder builder) {
        var path = builder.path;
        if (path == null) {
            throw new IllegalStateException("path is required: call path(Path) before build()");
        }
        var name = path.toAbsolutePath().toString();
        SharedFile file;
        try {
            file = SharedFile.acquire(
                    path,
                    new SharedFile.Settings(
                            builder.synchronous, builder.busyTimeout, builder.readConnections, builder.maxBatchSize));
        } catch (IOException | SQLException e) {
            throw cannotOpen(name, e);
        } catch (ZupaConfigurationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw cannotOpen(name, e);
        }
        try {
            file.migrate(session -> Migrations.migrate(session, path));
        } catch (SQLException | RuntimeException e) {
            file.release();
            if (e instanceof CheckpointStoreException known) {
                throw known;
            }
            throw cannotOpen(name, e);
        }
        return new SqliteCheckpointStore(
                path, new CheckpointRows(JsonCodec.defaults(), name), file, new CheckpointCache(builder.cacheBytes));
    }

    private static CheckpointStoreException cannotOpen(String file, Exception cause) {
        return new CheckpointStoreException(
                "cannot open the SQLite checkpoint file " + file + ": " + cause.getMessage(), cause);
    }

    /**
     * SQLite's {@code synchronous} setting: how hard a commit works to reach the disk.
     *
     * @since 0.1
     */
    public enum Synchronous {
        /** Every commit is fsync'd: survives power loss. The default. */
        FULL,
        /** The log is fsync'd only at checkpoints: survives a process crash, may lose the last commits on power loss. */
        NORMAL,
        /** Never fsync: fastest, for tests and throw-away data only. */
        OFF;

        /**
         * Parses a setting, ignoring case.
         *
         * @param text {@code "FULL"}, {@code "NORMAL"} or {@code "OFF"}; never null
         * @return the setting; never null
         * @throws IllegalArgumentException naming the text when it is none of them
         */
        public static Synchronous parse(String text) {
            Objects.requireNonNull(text, "text");
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("synchronous must be FULL, NORMAL or OFF, was '" + text + "'", e);
            }
        }
    }

    /**
     * Configures a {@link SqliteCheckpointStore}. Mutable and not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable Path path;
        private Synchronous synchronous = Synchronous.FULL;
        private Duration busyTimeout = Duration.ofSeconds(5);
        private int readConnections = SharedFile.Settings.DEFAULT_READ_CONNECTIONS;
        private int maxBatchSize = SharedFile.Settings.DEFAULT_MAX_BATCH_SIZE;
        private long cacheBytes = DEFAULT_CACHE_BYTES;

        private Builder() {}

        /**
         * About how much memory recently used checkpoints may take in the store's cache. Default 8 MiB; 0 turns the
         * cache off.
         *
         * <p>Larger holds more active threads and saves more reads, but every young collection copies what the cache
         * holds: in the runtime benchmark (1,000 active threads) 16 MiB gave about 7 % more turns per second than 8 MiB
         * and longer collection pauses (14-28 ms against 9-24 ms), which set the latency tail.
         *
         * <p>Loading a thread's latest checkpoint then costs one indexed query (which checkpoint is the latest) and
         * one for its pending writes, instead of decoding the checkpoint and following the blob chain of each of its
         * channels. The cache holds only what never changes once committed, and a checkpoint it holds is still looked
         * up in the file, so another store or process writing the same file never makes it serve stale state.
         *
         * @param bytes the bound, in bytes; not negative
         * @return this builder; never null
         * @throws IllegalArgumentException when negative
         */
        public Builder cacheSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("cacheSize must not be negative, was " + bytes);
            }
            this.cacheBytes = bytes;
            return this;
        }

        /**
         * The database file. Required.
         *
         * @param path the file; created with its parent directories when missing; never null
         * @return this builder; never null
         */
        public Builder path(Path path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * How hard each commit works to reach the disk. Default {@link Synchronous#FULL}. When a store or directory in
         * this JVM already has the file open, this must be the setting it was opened with.
         *
         * @param synchronous the setting; never null
         * @return this builder; never null
         */
        public Builder synchronous(Synchronous synchronous) {
            this.synchronous = Objects.requireNonNull(synchronous, "synchronous");
            return this;
        }

        /**
         * How long a statement waits for a lock held by another connection to the same file (another process)
         * before failing. Default 5 seconds. Ignored when a store or directory in this JVM already has the file open:
         * the first one's setting holds.
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
         * How many read-only connections serve reads concurrently. Default 4. Ignored when a store or directory in this
         * JVM already has the file open: the first one's setting holds.
         *
         * @param readConnections between 1 and 64
         * @return this builder; never null
         * @throws IllegalArgumentException when out of range
         */
        public Builder readConnections(int readConnections) {
            if (readConnections < 1 || readConnections > 64) {
                throw new IllegalArgumentException("readConnections must be between 1 and 64, was " + readConnections);
            }
            this.readConnections = readConnections;
            return this;
        }

        /**
         * At most how many queued writes one transaction commits together. Default 512. Ignored when a store or
         * directory in this JVM already has the file open: the first one's setting holds.
         *
         * @param maxBatchSize 1 (no group commit) or more
         * @return this builder; never null
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxBatchSize(int maxBatchSize) {
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
            }
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /**
         * Opens the store: creates or upgrades the schema and starts the file's writer, or joins the writer of a store
         * or directory that already has the file open in this JVM.
         *
         * @return the open store; never null
         * @throws IllegalStateException when no path was set
         * @throws ZupaConfigurationException when the file is already open in this JVM with another
         *     {@link #synchronous synchronous} setting
         * @throws CheckpointStoreException when the file cannot be opened or has a newer schema
         */
        public SqliteCheckpointStore build() {
            return create(this);
        }
    }
}
