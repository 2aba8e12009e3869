package dev.zupa.adapters.sqlite.internal;

import dev.zupa.engine.checkpoint.CheckpointStoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema, as an ordered list of steps. Step n brings a file from version n - 1 to version n; the file's version is
 * SQLite's {@code user_version} header field, so it needs no table of its own. Steps are only ever appended: a
 * released step never changes, because files made with it exist.
 */
public final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /** One schema step: SQL, and for version 3 also code that fills the new columns of existing rows. */
    @FunctionalInterface
    private interface Step {
        void apply(Session session) throws SQLException;
    }

    private static final List<Step> STEPS = List.of(
            // version 1
            sql(
                    // seq is the rowid: SQLite gives a new row one more than the largest rowid in the table, so
                    // within a thread seq grows in put order (deletes remove whole threads, never a thread's newest
                    // row alone); INSERT OR IGNORE of a known checkpoint takes no new seq.
                    """
                    CREATE TABLE checkpoints (
                        seq           INTEGER PRIMARY KEY,
                        thread_id     TEXT    NOT NULL,
                        ns            TEXT    NOT NULL,
                        checkpoint_id TEXT    NOT NULL,
                        parent_id     TEXT,
                        step          INTEGER NOT NULL,
                        json          TEXT    NOT NULL,
                        UNIQUE (thread_id, ns, checkpoint_id)
                    )""", "CREATE INDEX checkpoints_by_seq ON checkpoints (thread_id, ns, seq)", """
                    CREATE TABLE blobs (
                        thread_id    TEXT NOT NULL,
                        ns           TEXT NOT NULL,
                        channel      TEXT NOT NULL,
                        version      TEXT NOT NULL,
                        kind         TEXT NOT NULL,
                        base_version TEXT,
                        data         BLOB NOT NULL,
                        PRIMARY KEY (thread_id, ns, channel, version)
                    )""", """
                    CREATE TABLE pending_writes (
                        thread_id     TEXT    NOT NULL,
                        ns            TEXT    NOT NULL,
                        checkpoint_id TEXT    NOT NULL,
                        task_id       TEXT    NOT NULL,
                        kind          TEXT    NOT NULL,
                        idx           INTEGER NOT NULL,
                        data          BLOB    NOT NULL,
                        PRIMARY KEY (thread_id, ns, checkpoint_id, task_id, kind, idx)
                    )"""),
            // version 2: the ledger, written in the transaction of the checkpoint it belongs to
            sql(
                    """
                    CREATE TABLE ledger (
                        seq           INTEGER PRIMARY KEY AUTOINCREMENT,
                        thread_id     TEXT NOT NULL,
                        ns            TEXT NOT NULL,
                        checkpoint_id TEXT,
                        type          TEXT NOT NULL,
                        key           TEXT,
                        payload       TEXT NOT NULL,
                        node          TEXT,
                        recorded_at   TEXT NOT NULL
                    )""",
                    "CREATE UNIQUE INDEX ledger_by_key ON ledger (type, key) WHERE key IS NOT NULL",
                    "CREATE INDEX ledger_by_thread ON ledger (thread_id, seq)",
                    "CREATE INDEX ledger_by_type ON ledger (type, seq)"),
            // version 3: the audit ledger. Each thread's entries are numbered and hash-chained (existing rows are
            // chained in sequence order here); correlation id, subject and time get indexed columns; a purge leaves an
            // anchor per thread. recorded_at_nanos exists because the ISO text in recorded_at does not sort as time.
            session -> {
                sql(
                                "ALTER TABLE ledger ADD COLUMN correlation_id TEXT",
                                "ALTER TABLE ledger ADD COLUMN subject TEXT",
                                "ALTER TABLE ledger ADD COLUMN recorded_at_nanos INTEGER",
                                "ALTER TABLE ledger ADD COLUMN thread_seq INTEGER",
                                "ALTER TABLE ledger ADD COLUMN prev_hash TEXT",
                                "ALTER TABLE ledger ADD COLUMN hash TEXT")
                        .apply(session);
                LedgerRows.chainExistingEntries(session);
                sql(
                                "CREATE UNIQUE INDEX ledger_by_thread_seq ON ledger (thread_id, thread_seq)",
                                "CREATE INDEX ledger_by_correlation ON ledger (correlation_id, seq)"
                                        + " WHERE correlation_id IS NOT NULL",
                                "CREATE INDEX ledger_by_subject ON ledger (subject, seq) WHERE subject IS NOT NULL",
                                "CREATE INDEX ledger_by_time ON ledger (recorded_at_nanos, seq)",
                                """
                                CREATE TABLE ledger_anchors (
                                    thread_id  TEXT    NOT NULL PRIMARY KEY,
                                    thread_seq INTEGER NOT NULL,
                                    hash       TEXT    NOT NULL
                                )""")
                        .apply(session);
            },
            // version 4: the index by thread and seq goes. The index by thread and thread_seq (version 3) serves the
            // same queries in the same order, and every index is one more page that each turn's commit writes.
            sql("DROP INDEX ledger_by_thread"),
            // version 5: fewer index pages per commit. (1) The blobs of one checkpoint share their version (the
            // checkpoint id), so keyed by version before channel they sit side by side in one index page; keyed by
            // channel first, each channel's newest blob was in a page of its own. (2) The index by subject, which
            // every commit of a turn wrote a page of, gives way to a table of the threads that hold a subject's
            // entries: written once per thread, and only read after that.
            sql(
                    """
                    CREATE TABLE blobs_v5 (
                        thread_id    TEXT NOT NULL,
                        ns           TEXT NOT NULL,
                        channel      TEXT NOT NULL,
                        version      TEXT NOT NULL,
                        kind         TEXT NOT NULL,
                        base_version TEXT,
                        data         BLOB NOT NULL,
                        PRIMARY KEY (thread_id, ns, version, channel)
                    )""",
                    "INSERT INTO blobs_v5 (thread_id, ns, channel, version, kind, base_version, data)"
                            + " SELECT thread_id, ns, channel, version, kind, base_version, data FROM blobs"
                            + " ORDER BY rowid",
                    "DROP TABLE blobs",
                    "ALTER TABLE blobs_v5 RENAME TO blobs",
                    """
                    CREATE TABLE ledger_subjects (
                        subject   TEXT NOT NULL,
                        thread_id TEXT NOT NULL,
                        PRIMARY KEY (subject, thread_id)
                    ) WITHOUT ROWID""",
                    "INSERT OR IGNORE INTO ledger_subjects (subject, thread_id)"
                            + " SELECT subject, thread_id FROM ledger WHERE subject IS NOT NULL",
                    "DROP INDEX ledger_by_subject"));

    private Migrations() {}

    private static Step sql(String... statements) {
        return session -> {
            for (var statement : statements) {
                session.execute(statement);
            }
        };
    }

    /** The schema version this code writes: the number of steps. */
    public static int latestVersion() {
        return STEPS.size();
    }

    /**
     * Brings a file's schema up to {@link #latestVersion()} in one transaction, or does nothing when it is there.
     *
     * @return the version the file had before
     * @throws CheckpointStoreException when the file's version is newer than this code knows
     */
    public static int migrate(Session session, Path file) throws SQLException {
        // IMMEDIATE: two processes opening one new file must not both see version 0 and both create the tables
        session.execute("BEGIN IMMEDIATE");
        try {
            int found = Integer.parseInt(session.queryText("PRAGMA user_version"));
            if (found > latestVersion()) {
                throw new CheckpointStoreException("the SQLite checkpoint file " + file + " has schema version "
                        + found + ", but this zupa-adapters-sqlite knows versions up to " + latestVersion()
                        + "; it was written by a newer Zupa: open it with that version or newer");
            }
            if (found < 0) {
                throw new CheckpointStoreException("the SQLite checkpoint file " + file
                        + " has a negative schema version (" + found + "); it was not written by Zupa");
            }
            for (int version = found + 1; version <= latestVersion(); version++) {
                STEPS.get(version - 1).apply(session);
            }
            if (found < latestVersion()) {
                session.execute("PRAGMA user_version = " + latestVersion());
            }
            session.execute("COMMIT");
            if (found < latestVersion()) {
                log.info(
                        "migrated SQLite checkpoint file {} from schema version {} to {}",
                        file,
                        found,
                        latestVersion());
            }
            return found;
        } catch (SQLException | RuntimeException e) {
            session.rollbackQuietly();
            throw e;
        }
    }
}
