package dev.zupa.adapters.sqlite.internal;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.engine.checkpoint.LedgerWrite;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The SQL of the ledger table. Every method runs inside the caller's transaction. */
public final class LedgerRows {
    private static final String INSERT = "INSERT OR IGNORE INTO ledger"
            + " (thread_id, ns, checkpoint_id, type, key, payload, node, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "seq, thread_id, ns, checkpoint_id, type, key, payload, node, recorded_at";

    /** Appends entries; keyed entries already stored are skipped. */
    public void insert(
            Session session,
            ThreadId threadId,
            String namespace,
            Optional<CheckpointId> checkpointId,
            List<LedgerWrite> writes)
            throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        var insert = session.prepare(INSERT);
        for (var write : writes) {
            insert.setString(1, threadId.value());
            insert.setString(2, namespace);
            insert.setString(3, checkpointId.map(CheckpointId::value).orElse(null));
            insert.setString(4, write.type());
            insert.setString(5, write.key().orElse(null));
            insert.setString(6, write.payload());
            insert.setString(7, write.node().orElse(null));
            insert.setString(8, write.recordedAt().toString());
            insert.executeUpdate();
        }
    }

    /** The entries a query selects, in sequence order. */
    public List<LedgerEntry> query(Session session, LedgerQuery query) throws SQLException {
        var sql = new StringBuilder("SELECT " + COLUMNS + " FROM ledger WHERE seq > ?");
        var args = new ArrayList<Object>();
        args.add(query.afterSequence());
        query.threadId().ifPresent(t -> {
            sql.append(" AND thread_id = ?");
            args.add(t.value());
        });
        if (!query.types().isEmpty()) {
            sql.append(" AND type IN (")
                    .append("?,".repeat(query.types().size() - 1))
                    .append("?)");
            args.addAll(query.types().stream().sorted().toList());
        }
        query.key().ifPresent(k -> {
            sql.append(" AND key = ?");
            args.add(k);
        });
        sql.append(" ORDER BY seq LIMIT ?");
        args.add(query.limit());
        var statement = session.prepare(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
        try (var rows = statement.executeQuery()) {
            return read(rows);
        }
    }

    /** Keyed entries of one type that no entry of the closing types answers. */
    public List<LedgerEntry> open(Session session, String openType, Set<String> closingTypes, int limit)
            throws SQLException {
        var sql = "SELECT o.seq, o.thread_id, o.ns, o.checkpoint_id, o.type, o.key, o.payload, o.node, o.recorded_at"
                + " FROM ledger o WHERE o.type = ? AND o.key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger c"
                + " WHERE c.key = o.key AND c.type IN (" + "?,".repeat(closingTypes.size() - 1)
                + "?)) ORDER BY o.seq LIMIT ?";
        var statement = session.prepare(sql);
        int i = 1;
        statement.setString(i++, openType);
        for (var type : closingTypes.stream().sorted().toList()) {
            statement.setString(i++, type);
        }
        statement.setInt(i, limit);
        try (var rows = statement.executeQuery()) {
            return read(rows);
        }
    }

    private static List<LedgerEntry> read(ResultSet rows) throws SQLException {
        var result = new ArrayList<LedgerEntry>();
        while (rows.next()) {
            var write = new LedgerWrite(
                    rows.getString(5),
                    Optional.ofNullable(rows.getString(6)),
                    rows.getString(7),
                    Optional.ofNullable(rows.getString(8)),
                    Instant.parse(rows.getString(9)));
            result.add(new LedgerEntry(
                    rows.getLong(1),
                    ThreadId.of(rows.getString(2)),
                    rows.getString(3),
                    Optional.ofNullable(rows.getString(4)).map(CheckpointId::of),
                    write));
        }
        return result;
    }
}
