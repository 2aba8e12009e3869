package dev.zupa.adapters.sqlite;

import static dev.zupa.adapters.sqlite.Fixtures.checkpoint;
import static dev.zupa.adapters.sqlite.Fixtures.delta;
import static dev.zupa.adapters.sqlite.Fixtures.full;
import static dev.zupa.adapters.sqlite.Fixtures.queryText;
import static dev.zupa.adapters.sqlite.Fixtures.sql;
import static dev.zupa.adapters.sqlite.Fixtures.userVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.sqlite.internal.Migrations;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.LedgerBreak;
import dev.zupa.engine.checkpoint.LedgerChain;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerExport;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.engine.checkpoint.LedgerWrite;
import dev.zupa.testkit.LedgerContract;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite ledger beyond the contract: the schema upgrade, SQL-level forgery, and export parity with memory. */
class SqliteLedgerTest {
    private static final ThreadId A = ThreadId.of("a");
    private static final ThreadId B = ThreadId.of("b");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Clock LATER = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void upgradeToVersion3ChainsTheEntriesAlreadyStored() throws Exception {
        var file = dir.resolve("v2.db");
        sql(file, VERSION_2_SCHEMA);
        sql(
                file,
                "INSERT INTO ledger (thread_id, ns, type, key, payload, recorded_at)"
                        + " VALUES ('a', '', 'inbound.received', 'm-1', '{}', '2025-01-01T00:00:00Z')",
                "INSERT INTO ledger (thread_id, ns, type, payload, recorded_at)"
                        + " VALUES ('b', '', 'model.call', '{\"tokens\":1}', '2025-01-01T00:00:01.5Z')",
                "INSERT INTO ledger (thread_id, ns, checkpoint_id, type, payload, node, recorded_at)"
                        + " VALUES ('a', '', 'cp-1', 'tool.call', '\"x\"', 'tools', '2025-01-01T00:00:02Z')",
                "PRAGMA user_version = 2");

        try (var store = SqliteCheckpointStore.open(file)) {
            assertThat(userVersion(file)).isEqualTo(Migrations.latestVersion()).isEqualTo(5);
            var a = store.ledger(LedgerQuery.thread(A, 10));
            assertThat(a).extracting(LedgerEntry::threadSequence).containsExactly(1L, 2L);
            assertThat(a.get(0).previousHash()).isEqualTo(LedgerChain.GENESIS);
            assertThat(a.get(1).previousHash()).isEqualTo(a.get(0).hash());
            assertThat(store.verifyLedger()).satisfies(v -> {
                assertThat(v.ok()).isTrue();
                assertThat(v.threads()).isEqualTo(2);
                assertThat(v.entries()).isEqualTo(3);
            });
            assertThat(store.ledger(LedgerQuery.builder()
                            .from(T0.plusSeconds(1))
                            .to(T0.plusSeconds(2))
                            .build()))
                    .extracting(LedgerEntry::type)
                    .containsExactly("model.call");

            store.appendLedger(A, "", List.of(new LedgerWrite("c", Optional.empty(), "1", Optional.empty(), T0)));
            assertThat(store.ledger(LedgerQuery.thread(A, 10)).getLast().threadSequence())
                    .isEqualTo(3);
            assertThat(store.verifyLedger(A).ok()).isTrue();
        }
    }

    @Test
    void freshFileHasTheLedgerIndexes() throws Exception {
        var file = dir.resolve("fresh.db");
        SqliteCheckpointStore.open(file).close();

        for (var index : List.of("ledger_by_correlation", "ledger_by_time", "ledger_by_thread_seq")) {
            assertThat(queryText(
                            file, "SELECT name FROM sqlite_master WHERE type = 'index' AND name = '" + index + "'"))
                    .contains(index);
        }
        assertThat(queryText(file, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ledger_subjects'"))
                .contains("ledger_subjects");
    }

    @Test
    void version5KeysBlobsByVersionFirstAndFindsSubjectsThroughTheirThreads() throws Exception {
        var file = dir.resolve("v5.db");
        var thread = ThreadId.of("t");
        try (var store = SqliteCheckpointStore.open(file)) {
            store.put(
                    checkpoint(thread, "c1", Optional.empty(), Map.of("a", "c1", "b", "c1")),
                    List.of(full("a", "c1", "[1]"), full("b", "c1", "\"x\"")));
            store.put(
                    checkpoint(thread, "c2", Optional.of("c1"), Map.of("a", "c2", "b", "c1")),
                    List.of(delta("a", "c2", "c1", "[2]")));
            store.appendLedger(A, "", List.of(at("x", "1").withSubject("alice"), at("y", "2")));
            store.appendLedger(
                    B,
                    "",
                    List.of(at("z", "3").withSubject("alice"), at("w", "4").withSubject("bob")));
        }
        // the same rows in the version 4 layout: blobs keyed by channel first, an index by subject
        sql(
                file,
                """
                CREATE TABLE blobs_v4 (
                    thread_id TEXT NOT NULL, ns TEXT NOT NULL, channel TEXT NOT NULL, version TEXT NOT NULL,
                    kind TEXT NOT NULL, base_version TEXT, data BLOB NOT NULL,
                    PRIMARY KEY (thread_id, ns, channel, version))""",
                "INSERT INTO blobs_v4 SELECT thread_id, ns, channel, version, kind, base_version, data FROM blobs",
                "DROP TABLE blobs",
                "ALTER TABLE blobs_v4 RENAME TO blobs",
                "DROP TABLE ledger_subjects",
                "CREATE INDEX ledger_by_subject ON ledger (subject, seq) WHERE subject IS NOT NULL",
                "PRAGMA user_version = 4");

        try (var store = SqliteCheckpointStore.builder().path(file).cacheSize(0).build()) {
            assertThat(userVersion(file)).isEqualTo(5);
            var latest = store.latest(thread, "").orElseThrow();
            assertThat(latest.channels().get("a")).extracting(b -> b.version()).containsExactly("c1", "c2");
            assertThat(latest.channels().get("b")).extracting(b -> b.version()).containsExactly("c1");
            assertThat(store.ledger(LedgerQuery.builder().subject("alice").build()))
                    .extracting(e -> e.write().payload())
                    .containsExactly("1", "3");

            store.appendLedger(B, "", List.of(at("v", "5").withSubject("alice")));
            store.appendLedger(ThreadId.of("c"), "", List.of(at("u", "6").withSubject("alice")));
            assertThat(store.ledger(LedgerQuery.builder().subject("alice").build()))
                    .extracting(e -> e.write().payload())
                    .containsExactly("1", "3", "5", "6");
            assertThat(store.ledger(LedgerQuery.builder().subject("bob").build()))
                    .extracting(e -> e.write().payload())
                    .containsExactly("4");
        }
        assertThat(queryText(file, "SELECT count(*) FROM sqlite_master WHERE name = 'ledger_by_subject'"))
                .contains("0");
        assertThat(queryText(file, "SELECT count(*) FROM ledger_subjects")).contains("4");
        // one checkpoint's blobs are neighbours in the key: version before channel
        assertThat(queryText(
                        file,
                        "SELECT group_concat(name, ',') FROM pragma_index_info("
                                + "(SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'blobs'))"))
                .contains("thread_id,ns,version,channel");
    }

    @Test
    void version4DropsTheIndexByThreadAndSeqAndThreadQueriesNeedNoSort() throws Exception {
        var file = dir.resolve("v4.db");
        try (var store = SqliteCheckpointStore.open(file)) {
            store.appendLedger(A, "", List.of(at("a", "1"), at("b", "2")));
            store.appendLedger(B, "", List.of(at("x", "9")));
            store.appendLedger(A, "", List.of(at("c", "3")));

            assertThat(store.ledger(LedgerQuery.thread(A, 10)))
                    .extracting(LedgerEntry::type)
                    .containsExactly("a", "b", "c");
            assertThat(store.ledger(LedgerQuery.builder()
                            .threadId(A)
                            .afterSequence(2)
                            .limit(10)
                            .build()))
                    .extracting(LedgerEntry::type)
                    .containsExactly("c");
        }
        assertThat(queryText(file, "SELECT count(*) FROM sqlite_master WHERE name = 'ledger_by_thread'"))
                .contains("0");
        // the query by thread walks the (thread_id, thread_seq) index in order instead of sorting the thread's rows
        var plan = new StringBuilder();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                var statement = connection.createStatement();
                var rows = statement.executeQuery("EXPLAIN QUERY PLAN SELECT seq FROM ledger"
                        + " WHERE seq > 0 AND thread_id = 'a' ORDER BY thread_seq LIMIT 10")) {
            while (rows.next()) {
                plan.append(rows.getString(4)).append('\n');
            }
        }
        assertThat(plan.toString()).contains("ledger_by_thread_seq").doesNotContain("TEMP B-TREE");
    }

    @Test
    void rowForgedWithItsHashRecomputedBreaksTheNextLink() throws Exception {
        var file = dir.resolve("forged.db");
        try (var store = SqliteCheckpointStore.open(file)) {
            store.appendLedger(A, "", List.of(at("a", "1"), at("b", "2"), at("c", "3")));
            var second = store.ledger(LedgerQuery.thread(A, 10)).get(1);
            var w = second.write();
            var forged = new LedgerEntry(
                    second.sequence(),
                    A,
                    "",
                    Optional.empty(),
                    new LedgerWrite(w.type(), w.key(), "999", w.node(), w.recordedAt()),
                    second.threadSequence(),
                    second.previousHash(),
                    "");

            sql(
                    file,
                    "UPDATE ledger SET payload = '999', hash = '" + LedgerChain.hash(forged) + "' WHERE seq = "
                            + second.sequence());

            var broken = store.verifyLedger(A).firstBreak().orElseThrow();
            assertThat(broken.reason()).isEqualTo(LedgerBreak.Reason.PREVIOUS_HASH_MISMATCH);
            assertThat(broken.threadSequence()).isEqualTo(3);
        }
    }

    @Test
    void purgeAnchorSurvivesReopeningAndTheChainGoesOn() {
        var file = dir.resolve("purged.db");
        try (var store = SqliteCheckpointStore.open(file)) {
            store.appendLedger(A, "", List.of(at("a", "1"), at("b", "2")));
            store.appendLedger(B, "", List.of(at("x", "1")));
            assertThat(store.purgeLedger(T0.plusSeconds(1), LATER)).isEqualTo(3);
        }

        try (var store = SqliteCheckpointStore.open(file)) {
            assertThat(store.ledger(LedgerQuery.thread(A, 10))).isEmpty();
            store.appendLedger(A, "", List.of(at("c", "3")));

            assertThat(store.ledger(LedgerQuery.thread(A, 10)))
                    .singleElement()
                    .satisfies(e -> assertThat(e.threadSequence()).isEqualTo(3));
            assertThat(store.verifyLedger().ok()).isTrue();
        }
    }

    @Test
    void exportIsByteIdenticalToTheInMemoryStore() {
        try (var sqlite = SqliteCheckpointStore.open(dir.resolve("export.db"));
                var memory = CheckpointStore.inMemory()) {
            for (var store : List.of(sqlite, memory)) {
                LedgerContract.exportScenario(store);
                store.appendLedger(A, "", List.of(at("a", "{\"n\":1}").withSubject("u-1")));
                store.purgeLedger(T0.plusSeconds(1), LATER);
            }

            assertThat(export(sqlite)).isEqualTo(export(memory)).isNotEmpty();
            assertThat(export(sqlite)).isEqualTo(export(sqlite));
        }
    }

    private static byte[] export(CheckpointStore store) {
        var out = new ByteArrayOutputStream();
        LedgerExport.write(store, LedgerQuery.builder().limit(2).build(), out);
        return out.toByteArray();
    }

    private static LedgerWrite at(String type, String payload) {
        return new LedgerWrite(type, Optional.empty(), payload, Optional.empty(), T0);
    }

    /** The schema of versions 1 and 2 as released, to build a file that predates the hash chain. */
    private static final String[] VERSION_2_SCHEMA = {
        """
        CREATE TABLE checkpoints (
            seq INTEGER PRIMARY KEY, thread_id TEXT NOT NULL, ns TEXT NOT NULL, checkpoint_id TEXT NOT NULL,
            parent_id TEXT, step INTEGER NOT NULL, json TEXT NOT NULL, UNIQUE (thread_id, ns, checkpoint_id))""",
        "CREATE INDEX checkpoints_by_seq ON checkpoints (thread_id, ns, seq)",
        """
        CREATE TABLE blobs (
            thread_id TEXT NOT NULL, ns TEXT NOT NULL, channel TEXT NOT NULL, version TEXT NOT NULL,
            kind TEXT NOT NULL, base_version TEXT, data BLOB NOT NULL, PRIMARY KEY (thread_id, ns, channel, version))""",
        """
        CREATE TABLE pending_writes (
            thread_id TEXT NOT NULL, ns TEXT NOT NULL, checkpoint_id TEXT NOT NULL, task_id TEXT NOT NULL,
            kind TEXT NOT NULL, idx INTEGER NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY (thread_id, ns, checkpoint_id, task_id, kind, idx))""",
        """
        CREATE TABLE ledger (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, thread_id TEXT NOT NULL, ns TEXT NOT NULL, checkpoint_id TEXT,
            type TEXT NOT NULL, key TEXT, payload TEXT NOT NULL, node TEXT, recorded_at TEXT NOT NULL)""",
        "CREATE UNIQUE INDEX ledger_by_key ON ledger (type, key) WHERE key IS NOT NULL",
        "CREATE INDEX ledger_by_thread ON ledger (thread_id, seq)",
        "CREATE INDEX ledger_by_type ON ledger (type, seq)"
    };
}
