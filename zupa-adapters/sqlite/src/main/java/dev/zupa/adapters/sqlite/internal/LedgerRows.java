package dev.zupa.adapters.sqlite.internal;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.LedgerAnchor;
import dev.zupa.engine.checkpoint.LedgerChain;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.engine.checkpoint.LedgerRetention;
import dev.zupa.engine.checkpoint.LedgerVerification;
import dev.zupa.engine.checkpoint.LedgerVerifier;
import dev.zupa.engine.checkpoint.LedgerWrite;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of the ledger table. Every method runs inside the caller's transaction; the writes inside the file's one
 * writer transaction, which is what makes a thread's chain one chain: the head read here cannot change before the
 * entry chained onto it is committed.
 */
public final class LedgerRows {
    private static final String COLUMNS = "seq, thread_id, ns, checkpoint_id, type, key, payload, node, recorded_at,"
            + " correlation_id, subject, thread_seq, prev_hash, hash";
    private static final String INSERT = "INSERT INTO ledger (thread_id, ns, checkpoint_id, type, key, payload, node,"
            + " recorded_at, correlation_id, subject, thread_seq, prev_hash, hash, recorded_at_nanos)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String KEY_TAKEN = "SELECT 1 FROM ledger WHERE type = ? AND key = ?";
    private static final String HEAD =
            "SELECT thread_seq, hash FROM ledger WHERE thread_id = ? ORDER BY thread_seq DESC LIMIT 1";
    private static final String ANCHOR = "SELECT thread_seq, hash FROM ledger_anchors WHERE thread_id = ?";
    // the threads that hold a subject's entries: a row per (subject, thread), written by the thread's first entry
    // about the subject; an INSERT OR IGNORE of a known pair writes no page
    private static final String SUBJECT_THREAD =
            "INSERT OR IGNORE INTO ledger_subjects (subject, thread_id) VALUES (?, ?)";

    /** Appends entries, chained onto their thread; keyed entries already stored are skipped. */
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
        var head = head(session, threadId);
        var insert = session.prepare(INSERT);
        @Nullable String lastSubject = null;
        for (var write : writes) {
            if (write.key().isPresent()
                    && keyTaken(session, write.type(), write.key().get())) {
                continue;
            }
            var subject = write.subject().orElse(null);
            if (subject != null && !subject.equals(lastSubject)) {
                var subjectThread = session.prepare(SUBJECT_THREAD);
                subjectThread.setString(1, subject);
                subjectThread.setString(2, threadId.value());
                subjectThread.executeUpdate();
                lastSubject = subject;
            }
            long threadSequence = head.threadSequence() + 1;
            var hash = LedgerChain.hash(threadId, namespace, threadSequence, checkpointId, write, head.hash());
            insert.setString(1, threadId.value());
            insert.setString(2, namespace);
            insert.setString(3, checkpointId.map(CheckpointId::value).orElse(null));
            insert.setString(4, write.type());
            insert.setString(5, write.key().orElse(null));
            insert.setString(6, write.payload());
            insert.setString(7, write.node().orElse(null));
            insert.setString(8, write.recordedAt().toString());
            insert.setString(9, write.correlationId().orElse(null));
            insert.setString(10, write.subject().orElse(null));
            insert.setLong(11, threadSequence);
            insert.setString(12, head.hash());
            insert.setString(13, hash);
            insert.setLong(14, nanos(write.recordedAt()));
            insert.executeUpdate();
            head = new Link(threadSequence, hash);
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
        query.correlationId().ifPresent(c -> {
            sql.append(" AND correlation_id = ?");
            args.add(c);
        });
        query.subject().ifPresent(s -> {
            // no index by subject: the subject's threads, then each thread's own index
            sql.append(" AND thread_id IN (SELECT thread_id FROM ledger_subjects WHERE subject = ?) AND subject = ?");
            args.add(s);
            args.add(s);
        });
        query.from().ifPresent(f -> {
            sql.append(" AND recorded_at_nanos >= ?");
            args.add(nanos(f));
        });
        query.to().ifPresent(t -> {
            sql.append(" AND recorded_at_nanos < ?");
            args.add(nanos(t));
        });
        // within a thread, thread_seq grows with seq (both are given in insert order by the one writer), so the
        // thread's own index returns its entries in sequence order without a sort
        sql.append(query.threadId().isPresent() ? " ORDER BY thread_seq LIMIT ?" : " ORDER BY seq LIMIT ?");
        args.add(query.limit());
        var statement = session.prepare(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
        try (var rows = statement.executeQuery()) {
            var result = new ArrayList<LedgerEntry>();
            while (rows.next()) {
                result.add(read(rows));
            }
            return result;
        }
    }

    /** Keyed entries of one type that no entry of the closing types answers. */
    public List<LedgerEntry> open(Session session, String openType, Set<String> closingTypes, int limit)
            throws SQLException {
        var sql = "SELECT " + COLUMNS
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
            var result = new ArrayList<LedgerEntry>();
            while (rows.next()) {
                result.add(read(rows));
            }
            return result;
        }
    }

    /** Checks the chains of one thread or of all, streaming the rows of one read transaction. */
    public LedgerVerification verify(Session session, Optional<ThreadId> threadId) throws SQLException {
        var anchors = new HashMap<ThreadId, LedgerAnchor>();
        var anchorSql = "SELECT thread_id, thread_seq, hash FROM ledger_anchors"
                + (threadId.isPresent() ? " WHERE thread_id = ?" : "");
        var anchorQuery = session.prepare(anchorSql);
        if (threadId.isPresent()) {
            anchorQuery.setString(1, threadId.get().value());
        }
        try (var rows = anchorQuery.executeQuery()) {
            while (rows.next()) {
                var thread = ThreadId.of(rows.getString(1));
                anchors.put(thread, new LedgerAnchor(thread, rows.getLong(2), rows.getString(3)));
            }
        }
        var verifier = new LedgerVerifier(anchors);
        var entries = session.prepare("SELECT " + COLUMNS + " FROM ledger"
                + (threadId.isPresent() ? " WHERE thread_id = ? ORDER BY thread_seq" : " ORDER BY seq"));
        if (threadId.isPresent()) {
            entries.setString(1, threadId.get().value());
        }
        try (var rows = entries.executeQuery()) {
            while (!verifier.broken() && rows.next()) {
                verifier.check(read(rows));
            }
        }
        return verifier.result();
    }

    /** What a purge removed. */
    public record Purge(long removed, long threads) {}

    /**
     * Removes each thread's oldest entries recorded before the cut-off (see {@link LedgerRetention}), keeps an anchor
     * per purged thread, and records the purge in the audit thread.
     */
    public Purge purge(Session session, Instant olderThan, Instant now) throws SQLException {
        long cutOff = nanos(olderThan);
        // per thread, the last entry that may go: just before the first entry that is not old enough, else the newest
        var upTo = new LinkedHashMap<String, Long>();
        var oldest = session.prepare("SELECT thread_id, MAX(thread_seq) FROM ledger"
                + " WHERE recorded_at_nanos < ? AND thread_id <> ? GROUP BY thread_id ORDER BY thread_id");
        oldest.setLong(1, cutOff);
        oldest.setString(2, LedgerRetention.AUDIT_THREAD.value());
        try (var rows = oldest.executeQuery()) {
            while (rows.next()) {
                upTo.put(rows.getString(1), rows.getLong(2));
            }
        }
        var blockers = session.prepare(
                "SELECT thread_id, MIN(thread_seq) FROM ledger WHERE recorded_at_nanos >= ? GROUP BY thread_id");
        blockers.setLong(1, cutOff);
        try (var rows = blockers.executeQuery()) {
            while (rows.next()) {
                var last = upTo.get(rows.getString(1));
                if (last != null) {
                    upTo.put(rows.getString(1), Math.min(last, rows.getLong(2) - 1));
                }
            }
        }
        var lastPurged = session.prepare("SELECT hash FROM ledger WHERE thread_id = ? AND thread_seq = ?");
        var anchor = session.prepare("INSERT INTO ledger_anchors (thread_id, thread_seq, hash) VALUES (?, ?, ?)"
                + " ON CONFLICT (thread_id) DO UPDATE SET thread_seq = excluded.thread_seq, hash = excluded.hash");
        var delete = session.prepare("DELETE FROM ledger WHERE thread_id = ? AND thread_seq <= ?");
        long removed = 0;
        long threads = 0;
        for (var thread : upTo.entrySet()) {
            lastPurged.setString(1, thread.getKey());
            lastPurged.setLong(2, thread.getValue());
            String hash;
            try (var rows = lastPurged.executeQuery()) {
                if (!rows.next()) {
                    continue; // its first entry is not old enough: nothing of this thread goes
                }
                hash = rows.getString(1);
            }
            delete.setString(1, thread.getKey());
            delete.setLong(2, thread.getValue());
            int deleted = delete.executeUpdate();
            if (deleted > 0) {
                anchor.setString(1, thread.getKey());
                anchor.setLong(2, thread.getValue());
                anchor.setString(3, hash);
                anchor.executeUpdate();
                removed += deleted;
                threads++;
            }
        }
        insert(
                session,
                LedgerRetention.AUDIT_THREAD,
                "",
                Optional.empty(),
                List.of(LedgerRetention.purgedEntry(olderThan, removed, threads, now)));
        return new Purge(removed, threads);
    }

    /**
     * Migration step of schema version 3: numbers and chains the entries stored before the ledger had a hash chain,
     * in sequence order, a page at a time (updating rows while a query over them is open is not safe in SQLite).
     */
    static void chainExistingEntries(Session session) throws SQLException {
        var heads = new HashMap<ThreadId, Link>();
        var page = session.prepare("SELECT " + COLUMNS + " FROM ledger WHERE seq > ? ORDER BY seq LIMIT 500");
        var update = session.prepare(
                "UPDATE ledger SET thread_seq = ?, prev_hash = ?, hash = ?, recorded_at_nanos = ? WHERE seq = ?");
        long after = 0;
        while (true) {
            var unchained = new ArrayList<Unchained>();
            page.setLong(1, after);
            try (var rows = page.executeQuery()) {
                while (rows.next()) {
                    unchained.add(new Unchained(
                            rows.getLong(1),
                            ThreadId.of(rows.getString(2)),
                            rows.getString(3),
                            Optional.ofNullable(rows.getString(4)).map(CheckpointId::of),
                            write(rows)));
                }
            }
            if (unchained.isEmpty()) {
                return;
            }
            for (var row : unchained) {
                var head = heads.getOrDefault(row.threadId(), new Link(0, LedgerChain.GENESIS));
                long threadSequence = head.threadSequence() + 1;
                var hash = LedgerChain.hash(
                        row.threadId(), row.namespace(), threadSequence, row.checkpointId(), row.write(), head.hash());
                update.setLong(1, threadSequence);
                update.setString(2, head.hash());
                update.setString(3, hash);
                update.setLong(4, nanos(row.write().recordedAt()));
                update.setLong(5, row.sequence());
                update.executeUpdate();
                heads.put(row.threadId(), new Link(threadSequence, hash));
            }
            after = unchained.getLast().sequence();
        }
    }

    /** A row stored before schema version 3. */
    private record Unchained(
            long sequence,
            ThreadId threadId,
            String namespace,
            Optional<CheckpointId> checkpointId,
            LedgerWrite write) {}

    private record Link(long threadSequence, String hash) {}

    private static Link head(Session session, ThreadId threadId) throws SQLException {
        for (var sql : List.of(HEAD, ANCHOR)) {
            var statement = session.prepare(sql);
            statement.setString(1, threadId.value());
            try (var rows = statement.executeQuery()) {
                if (rows.next()) {
                    return new Link(rows.getLong(1), rows.getString(2));
                }
            }
        }
        return new Link(0, LedgerChain.GENESIS);
    }

    private static boolean keyTaken(Session session, String type, String key) throws SQLException {
        var statement = session.prepare(KEY_TAKEN);
        statement.setString(1, type);
        statement.setString(2, key);
        try (var rows = statement.executeQuery()) {
            return rows.next();
        }
    }

    /**
     * Epoch nanoseconds, the sortable form of an instant ({@code recorded_at} keeps the exact text). Instants beyond
     * what a long holds (before 1677, after 2262) are clamped, which only blurs time-range queries that far out.
     */
    static long nanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static LedgerWrite write(ResultSet rows) throws SQLException {
        return new LedgerWrite(
                rows.getString(5),
                Optional.ofNullable(rows.getString(6)),
                rows.getString(7),
                Optional.ofNullable(rows.getString(8)),
                Instant.parse(rows.getString(9)),
                Optional.ofNullable(rows.getString(10)),
                Optional.ofNullable(rows.getString(11)));
    }

    private static LedgerEntry read(ResultSet rows) throws SQLException {
        return new LedgerEntry(
                rows.getLong(1),
                ThreadId.of(rows.getString(2)),
                rows.getString(3),
                Optional.ofNullable(rows.getString(4)).map(CheckpointId::of),
                write(rows),
                rows.getLong(12),
                rows.getString(13),
                rows.getString(14));
    }
}
