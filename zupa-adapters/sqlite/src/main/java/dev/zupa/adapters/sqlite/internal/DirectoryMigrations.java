package dev.zupa.adapters.sqlite.internal;

import dev.zupa.core.ZupaException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation directory's schema, as an ordered list of steps that are only ever appended (as in
 * {@link Migrations}).
 *
 * <p>The directory may share its file with the checkpoint store, which owns SQLite's {@code user_version} header
 * field. The directory therefore never reads or writes {@code user_version}: it keeps its version as a row of
 * {@value #VERSIONS_TABLE}, keyed by {@value #COMPONENT}, and every table and index it creates starts with
 * {@code zupa_}, a prefix the checkpoint store's tables do not use.
 */
public final class DirectoryMigrations {
    /** The table that holds one schema version per component of a shared file. */
    public static final String VERSIONS_TABLE = "zupa_schema_versions";

    /** This component's key in {@value #VERSIONS_TABLE}. */
    public static final String COMPONENT = "conversation_directory";

    private static final Logger log = LoggerFactory.getLogger(DirectoryMigrations.class);

    private static final List<List<String>> STEPS = List.of(
            // version 1. Instants are epoch nanoseconds: exact, and they sort as numbers.
            List.of(
                    """
                    CREATE TABLE zupa_users (
                        user_id      TEXT    NOT NULL PRIMARY KEY,
                        transport    TEXT    NOT NULL,
                        address      TEXT    NOT NULL,
                        display_name TEXT    NOT NULL,
                        preference   TEXT    NOT NULL,
                        created_at   INTEGER NOT NULL,
                        UNIQUE (transport, address)
                    )""",
                    // seq (the rowid) is the order sessions were opened in; it breaks ties between equal instants
                    """
                    CREATE TABLE zupa_sessions (
                        seq            INTEGER PRIMARY KEY,
                        session_id     TEXT    NOT NULL UNIQUE,
                        user_id        TEXT    NOT NULL,
                        started_at     INTEGER NOT NULL,
                        last_active_at INTEGER NOT NULL,
                        ended_at       INTEGER,
                        summary        TEXT,
                        turns          INTEGER NOT NULL
                    )""",
                    // at most one open session per user, whatever the callers do, in this process or another
                    "CREATE UNIQUE INDEX zupa_sessions_one_open ON zupa_sessions (user_id) WHERE ended_at IS NULL",
                    "CREATE INDEX zupa_sessions_ended ON zupa_sessions (user_id, ended_at, seq)"
                            + " WHERE ended_at IS NOT NULL",
                    "CREATE INDEX zupa_sessions_idle ON zupa_sessions (last_active_at, seq) WHERE ended_at IS NULL"));

    private DirectoryMigrations() {}

    /** The schema version this code writes: the number of steps. */
    public static int latestVersion() {
        return STEPS.size();
    }

    /**
     * Brings the directory's tables up to {@link #latestVersion()} in one transaction, or does nothing when they are
     * there.
     *
     * @return the version the file had before; 0 when it had no directory tables
     * @throws ZupaException when the file's directory schema is newer than this code knows
     */
    public static int migrate(Session session, Path file) throws SQLException {
        // IMMEDIATE: two processes opening one new file must not both see version 0 and both create the tables
        session.execute("BEGIN IMMEDIATE");
        try {
            session.execute("CREATE TABLE IF NOT EXISTS " + VERSIONS_TABLE
                    + " (component TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL)");
            int found = version(session);
            if (found > latestVersion()) {
                throw new ZupaException("the conversation directory in the SQLite file " + file
                        + " has schema version " + found + ", but this zupa-adapters-sqlite knows versions up to "
                        + latestVersion() + "; it was written by a newer Zupa: open it with that version or newer");
            }
            if (found < 0) {
                throw new ZupaException("the conversation directory in the SQLite file " + file
                        + " has a negative schema version (" + found + "); it was not written by Zupa");
            }
            for (int version = found + 1; version <= latestVersion(); version++) {
                for (var sql : STEPS.get(version - 1)) {
                    session.execute(sql);
                }
            }
            if (found < latestVersion()) {
                var upsert = session.prepare("INSERT INTO " + VERSIONS_TABLE + " (component, version) VALUES (?, ?)"
                        + " ON CONFLICT (component) DO UPDATE SET version = excluded.version");
                upsert.setString(1, COMPONENT);
                upsert.setInt(2, latestVersion());
                upsert.executeUpdate();
            }
            session.execute("COMMIT");
            if (found < latestVersion()) {
                log.info(
                        "migrated the conversation directory in SQLite file {} from schema version {} to {}",
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

    private static int version(Session session) throws SQLException {
        var query = session.prepare("SELECT version FROM " + VERSIONS_TABLE + " WHERE component = ?");
        query.setString(1, COMPONENT);
        try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
