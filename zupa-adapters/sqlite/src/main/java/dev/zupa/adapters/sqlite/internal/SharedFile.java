package dev.zupa.adapters.sqlite.internal;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore.Synchronous;
import dev.zupa.core.ZupaConfigurationException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One database file's write connection (behind a {@link GroupCommitWriter}) and read connections, shared by every
 * checkpoint store and conversation directory this JVM opens on the file.
 *
 * <p>Why: with a writer each, a store and a directory on one file took turns on SQLite's write lock through the busy
 * handler, which sleeps, and their writes could never share a commit. With one writer per file their writes queue
 * together and one fsync commits them all.
 *
 * <p>A process-wide registry keys files by their real path, so two spellings of one file (relative and absolute, a
 * symbolic link) share one entry; it counts references, and the last {@link #release()} stops the writer and closes
 * the connections. The first opener's settings hold while the file is open, except {@code synchronous}: an opener
 * that asks for another one than the file is open with is refused, since one writer cannot honour both.
 *
 * <p>Other processes on the same file are not coordinated here; their writes take turns with this JVM's writer on
 * SQLite's lock, as before.
 */
public final class SharedFile {
    /**
     * How a file is opened.
     *
     * @param synchronous SQLite's {@code synchronous} mode for every commit of the writer
     * @param busyTimeout how long a statement waits for a lock held by another process
     * @param readConnections how many read-only connections serve reads
     * @param maxBatchSize at most this many writes per transaction
     */
    public record Settings(Synchronous synchronous, Duration busyTimeout, int readConnections, int maxBatchSize) {
        /** Read connections when the opener does not choose. */
        public static final int DEFAULT_READ_CONNECTIONS = 4;

        /** Writes per transaction when the opener does not choose. */
        public static final int DEFAULT_MAX_BATCH_SIZE = 512;
    }

    /** A schema migration, run on a connection of its own. */
    @FunctionalInterface
    public interface Migration {
        /** Migrates; takes its own {@code BEGIN IMMEDIATE} transaction. */
        void migrate(Session session) throws SQLException;
    }

    /** The writer connection's page cache, in KiB. */
    private static final int WRITER_CACHE_KIB = 32 * 1024;

    /**
     * WAL pages after which the writer's own commit checkpoints the log (64 MiB with 4 KiB pages): only a backstop,
     * for when the {@link WalCheckpointer} falls behind.
     */
    private static final int WAL_AUTOCHECKPOINT_PAGES = 16_384;

    /** The size the log file is cut back to when SQLite starts it over. */
    private static final long WAL_SIZE_LIMIT_BYTES = 64L << 20;

    /** How often the background checkpointer copies the log into the database file. */
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(10);

    // a lock rather than synchronized: opening a file runs native code, and virtual threads must not pin inside it
    private static final ReentrantLock REGISTRY_LOCK = new ReentrantLock();
    private static final Map<Path, SharedFile> OPEN = new HashMap<>(); // guarded by REGISTRY_LOCK

    private final Path file;
    private final Settings settings;
    private final GroupCommitWriter writer;
    private final ReadPool readers;
    private final WalCheckpointer checkpointer;
    private int references = 1; // guarded by REGISTRY_LOCK

    private SharedFile(
            Path file, Settings settings, GroupCommitWriter writer, ReadPool readers, WalCheckpointer checkpointer) {
        this.file = file;
        this.settings = settings;
        this.writer = writer;
        this.readers = readers;
        this.checkpointer = checkpointer;
    }

    /**
     * The open file, opened now when no one in this JVM has it open: creates missing parent directories and the file,
     * switches it to write-ahead logging and starts its writer. Every successful call needs one {@link #release()}.
     *
     * @throws ZupaConfigurationException when the file is open with another {@code synchronous} mode
     * @throws SQLException when the file cannot be opened or cannot use write-ahead logging
     */
    public static SharedFile acquire(Path path, Settings settings) throws IOException, SQLException {
        var file = canonical(path);
        REGISTRY_LOCK.lock();
        try {
            var shared = OPEN.get(file);
            if (shared == null) {
                shared = open(file, settings);
                OPEN.put(file, shared);
            } else {
                var current = shared.settings.synchronous();
                if (current != settings.synchronous()) {
                    throw new ZupaConfigurationException("the SQLite file " + file
                            + " is already open in this JVM with synchronous=" + current
                            + ", which cannot be opened again with synchronous=" + settings.synchronous()
                            + ": every store and directory shares the file's one writer, so open them all with the"
                            + " same synchronous setting");
                }
                shared.references++;
            }
            return shared;
        } finally {
            REGISTRY_LOCK.unlock();
        }
    }

    /**
     * Gives up one {@link #acquire} of the file. The last one lets the writer commit what is queued, stops it and
     * closes the connections. Call once per acquire, after the caller's own calls have finished.
     */
    public void release() {
        REGISTRY_LOCK.lock();
        try {
            if (references <= 0) {
                throw new IllegalStateException("the SQLite file " + file + " was released more often than acquired");
            }
            references--;
            if (references == 0) {
                // under the lock, so that an acquire of the same file waits until these connections are closed
                OPEN.remove(file);
                writer.stop();
                checkpointer.stop();
                readers.close();
            }
        } finally {
            REGISTRY_LOCK.unlock();
        }
    }

    /** The file's real path. */
    public Path file() {
        return file;
    }

    /** The file's one writer. */
    public GroupCommitWriter writer() {
        return writer;
    }

    /** The file's read connections. */
    public ReadPool readers() {
        return readers;
    }

    /**
     * Runs a schema migration on a short-lived connection of its own, so that each store or directory migrates its
     * own tables whenever it opens, before or after the others on the file.
     */
    public void migrate(Migration migration) throws SQLException {
        try (var session = Session.open(
                file,
                settings.busyTimeout(),
                "synchronous = " + settings.synchronous().name())) {
            migration.migrate(session);
        }
    }

    /** The real paths of the files open in this JVM. For tests. */
    static Set<Path> openFiles() {
        REGISTRY_LOCK.lock();
        try {
            return Set.copyOf(OPEN.keySet());
        } finally {
            REGISTRY_LOCK.unlock();
        }
    }

    /**
     * The registry key: the real path, which only exists once the file does. Creating the (empty, which SQLite takes
     * for a new database) file first keys a new file and an existing one alike.
     */
    private static Path canonical(Path path) throws IOException {
        var absolute = path.toAbsolutePath();
        var parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createFile(absolute);
        } catch (FileAlreadyExistsException e) {
            // the usual case: the file exists
        }
        return absolute.toRealPath();
    }

    private static SharedFile open(Path file, Settings settings) throws SQLException {
        Session writeSession = null;
        Session checkpointSession = null;
        var readSessions = new ArrayList<Session>();
        try {
            writeSession = Session.open(
                    file,
                    settings.busyTimeout(),
                    "synchronous = " + settings.synchronous().name(),
                    "foreign_keys = OFF",
                    // every turn's commit touches a page or two in each index of each thread it writes to; a cache
                    // that holds the hot index pages spares the writer reading them back from the file
                    "cache_size = -" + WRITER_CACHE_KIB,
                    // the WalCheckpointer copies the log into the file beside the writer; the writer's own checkpoint
                    // (SQLite's default: every 1,000 pages, nearly every group commit) would stall all its callers
                    "wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES,
                    // the log file keeps its largest size once a busy spell grew it; cut it back when it restarts
                    "journal_size_limit = " + WAL_SIZE_LIMIT_BYTES);
            var mode = writeSession.queryText("PRAGMA journal_mode = WAL");
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new SQLException("cannot switch it to write-ahead logging (journal mode is " + mode
                        + "); use a local file system");
            }
            for (int i = 0; i < settings.readConnections(); i++) {
                readSessions.add(Session.open(file, settings.busyTimeout(), "query_only = ON"));
            }
            checkpointSession = Session.open(
                    file,
                    settings.busyTimeout(),
                    "synchronous = " + settings.synchronous().name());
        } catch (SQLException | RuntimeException e) {
            if (writeSession != null) {
                writeSession.close();
            }
            readSessions.forEach(Session::close);
            throw e;
        }
        var writer = new GroupCommitWriter(writeSession, settings.maxBatchSize(), file.toString());
        var checkpointer = new WalCheckpointer(checkpointSession, CHECKPOINT_INTERVAL, file.toString());
        writer.start();
        checkpointer.start();
        return new SharedFile(file, settings, writer, new ReadPool(readSessions), checkpointer);
    }
}
