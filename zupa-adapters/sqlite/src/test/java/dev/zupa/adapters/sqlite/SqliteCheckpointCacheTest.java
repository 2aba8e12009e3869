package dev.zupa.adapters.sqlite;

import static dev.zupa.adapters.sqlite.Fixtures.checkpoint;
import static dev.zupa.adapters.sqlite.Fixtures.delta;
import static dev.zupa.adapters.sqlite.Fixtures.full;
import static dev.zupa.adapters.sqlite.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.PendingWrite;
import dev.zupa.engine.checkpoint.StoredCheckpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint cache serves what a fresh read of the file would give, and never what the file no longer holds.
 */
class SqliteCheckpointCacheTest {
    private static final ThreadId THREAD = ThreadId.of("thread-c");

    @TempDir
    Path dir;

    @Test
    void latestAfterAPutComesFromTheCacheAndEqualsAFreshRead() {
        var file = dir.resolve("cache.db");
        try (var store = SqliteCheckpointStore.open(file)) {
            putChain(store);
            long missesBefore = store.cache().misses();

            var cached = store.latest(THREAD, "").orElseThrow();

            assertThat(store.cache().misses()).isEqualTo(missesBefore);
            assertThat(store.cache().hits()).isPositive();
            try (var fresh = SqliteCheckpointStore.builder()
                    .path(dir.resolve("cache.db"))
                    .cacheSize(0)
                    .build()) {
                assertThat(cached).isEqualTo(fresh.latest(THREAD, "").orElseThrow());
            }
        }
    }

    @Test
    void deltaChainsBuiltFromTheParentMatchTheStoredChains() {
        try (var store = SqliteCheckpointStore.open(dir.resolve("chain.db"))) {
            putChain(store);
            var messages = store.latest(THREAD, "").orElseThrow().channels().get("messages");

            assertThat(messages).extracting(b -> b.version()).containsExactly("m1", "m2", "m3");
            assertThat(store.latest(THREAD, "").orElseThrow().channels().get("topic"))
                    .extracting(b -> b.version())
                    .containsExactly("t1");
        }
    }

    @Test
    void pendingWritesAreAlwaysReadFromTheFile() {
        try (var store = SqliteCheckpointStore.open(dir.resolve("pending.db"))) {
            putChain(store);
            assertThat(store.latest(THREAD, "").orElseThrow().pendingWrites()).isEmpty();

            store.putPendingWrites(
                    THREAD,
                    "",
                    CheckpointId.of("cp-3"),
                    List.of(new PendingWrite("task", PendingWrite.Kind.RESULT, 0, new byte[] {1})));

            assertThat(store.latest(THREAD, "").orElseThrow().pendingWrites()).hasSize(1);
        }
    }

    @Test
    void aCheckpointWrittenByAnotherStoreIsSeen() {
        var file = dir.resolve("two.db");
        try (var first = SqliteCheckpointStore.open(file);
                var second = SqliteCheckpointStore.open(file)) {
            putChain(first);
            assertThat(first.latest(THREAD, "").orElseThrow().checkpoint().id().value())
                    .isEqualTo("cp-3");

            second.put(
                    checkpoint(THREAD, "cp-4", Optional.of("cp-3"), Map.of("messages", "m4", "topic", "t1")),
                    List.of(delta("messages", "m4", "m3", "[4]")));

            var latest = first.latest(THREAD, "").orElseThrow();
            assertThat(latest.checkpoint().id().value()).isEqualTo("cp-4");
            assertThat(latest.channels().get("messages"))
                    .extracting(b -> b.version())
                    .containsExactly("m1", "m2", "m3", "m4");
        }
    }

    @Test
    void aDeletedThreadIsNotServedFromTheCache() {
        try (var store = SqliteCheckpointStore.open(dir.resolve("deleted.db"))) {
            putChain(store);
            assertThat(store.get(THREAD, "", CheckpointId.of("cp-2"))).isPresent();

            store.deleteThread(THREAD);

            assertThat(store.latest(THREAD, "")).isEmpty();
            assertThat(store.get(THREAD, "", CheckpointId.of("cp-2"))).isEmpty();
        }
    }

    @Test
    void aThreadDeletedByAnotherWriterIsNotServedFromTheCache() throws Exception {
        var file = dir.resolve("foreign.db");
        try (var store = SqliteCheckpointStore.open(file)) {
            putChain(store);
            store.latest(THREAD, "");

            sql(file, "DELETE FROM checkpoints WHERE thread_id = 'thread-c'");

            assertThat(store.latest(THREAD, "")).isEmpty();
            assertThat(store.get(THREAD, "", CheckpointId.of("cp-3"))).isEmpty();
        }
    }

    @Test
    void theCacheStaysWithinItsBound() {
        try (var store = SqliteCheckpointStore.builder()
                .path(dir.resolve("bounded.db"))
                .cacheSize(8 * 1024)
                .build()) {
            for (int i = 0; i < 100; i++) {
                var thread = ThreadId.of("t-" + i);
                store.put(
                        checkpoint(thread, "c-" + i, Optional.empty(), Map.of("v", "v-" + i)),
                        List.of(full("v", "v-" + i, "\"" + "x".repeat(200) + "\"")));
            }

            assertThat(store.cache().size()).isBetween(1, 20);
            StoredCheckpoint early = store.latest(ThreadId.of("t-0"), "").orElseThrow();
            assertThat(early.channels().get("v")).singleElement().satisfies(b -> assertThat(b.version())
                    .isEqualTo("v-0"));
        }
    }

    @Test
    void aNegativeCacheSizeIsRefused() {
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().cacheSize(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cacheSize");
    }

    /** cp-1 (full m1, t1) ← cp-2 (delta m2) ← cp-3 (delta m3); topic unchanged throughout. */
    private static void putChain(SqliteCheckpointStore store) {
        store.put(
                checkpoint(THREAD, "cp-1", Optional.empty(), Map.of("messages", "m1", "topic", "t1")),
                List.of(full("messages", "m1", "[1]"), full("topic", "t1", "\"cats\"")));
        store.put(
                checkpoint(THREAD, "cp-2", Optional.of("cp-1"), Map.of("messages", "m2", "topic", "t1")),
                List.of(delta("messages", "m2", "m1", "[2]")));
        store.put(
                checkpoint(THREAD, "cp-3", Optional.of("cp-2"), Map.of("messages", "m3", "topic", "t1")),
                List.of(delta("messages", "m3", "m2", "[3]")));
    }
}
