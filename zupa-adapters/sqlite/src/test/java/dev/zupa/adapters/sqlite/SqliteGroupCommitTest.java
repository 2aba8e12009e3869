package dev.zupa.adapters.sqlite;

import static dev.zupa.adapters.sqlite.Fixtures.checkpoint;
import static dev.zupa.adapters.sqlite.Fixtures.delta;
import static dev.zupa.adapters.sqlite.Fixtures.full;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import dev.zupa.engine.checkpoint.PendingWrite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent writes share transactions, and a write that fails does not take its batch with it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SqliteGroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void concurrentPutsAreAllStoredWithFewerCommitsThanPuts() throws Exception {
        concurrentPuts(Executors.newVirtualThreadPerTaskExecutor(), "group.db");
    }

    @Test
    void concurrentPutsFromPlatformThreadsAreAllStoredWithFewerCommitsThanPuts() throws Exception {
        // platform threads may commit on their own thread when the writer is idle; virtual ones never do
        concurrentPuts(Executors.newFixedThreadPool(64), "group-platform.db");
    }

    private void concurrentPuts(ExecutorService threadPool, String fileName) throws Exception {
        int threads = 64;
        int perThread = 50;
        try (var store = SqliteCheckpointStore.open(dir.resolve(fileName))) {
            var futures = new ArrayList<Future<?>>();
            try (var executor = threadPool) {
                for (int t = 0; t < threads; t++) {
                    var thread = ThreadId.of("thread-" + t);
                    futures.add(executor.submit(() -> {
                        Optional<String> parent = Optional.empty();
                        for (int i = 0; i < perThread; i++) {
                            var id = "cp-" + i;
                            var version = "v" + i;
                            var blob = i == 0
                                    ? full("log", version, "[0]")
                                    : delta("log", version, "v" + (i - 1), "[" + i + "]");
                            store.put(checkpoint(thread, id, parent, Map.of("log", version)), List.of(blob));
                            parent = Optional.of(id);
                        }
                    }));
                }
                for (var future : futures) {
                    future.get();
                }
            }

            int puts = threads * perThread;
            for (int t = 0; t < threads; t++) {
                var thread = ThreadId.of("thread-" + t);
                assertThat(store.history(thread, "", 1000)).hasSize(perThread);
                var latest = store.latest(thread, "").orElseThrow();
                assertThat(latest.checkpoint().id()).isEqualTo(CheckpointId.of("cp-" + (perThread - 1)));
                assertThat(latest.channels().get("log")).hasSize(perThread);
            }
            assertThat(store.writes()).isEqualTo(puts);
            assertThat(store.commits())
                    .as("commits for %d puts from %d threads", puts, threads)
                    .isPositive()
                    .isLessThan(puts);
        }
    }

    @Test
    void aFailingWriteInABatchFailsAloneAndTheOthersCommit() throws Exception {
        try (var store = SqliteCheckpointStore.open(dir.resolve("isolation.db"))) {
            var good = new ArrayList<Future<?>>();
            var bad = new ArrayList<Future<?>>();
            var writes = List.of(new PendingWrite("task", PendingWrite.Kind.RESULT, 0, new byte[] {1}));
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 200; i++) {
                    var thread = ThreadId.of("t-" + i);
                    good.add(executor.submit(
                            () -> store.put(checkpoint(thread, "cp", Optional.empty(), Map.of()), List.of())));
                    bad.add(executor.submit(
                            () -> store.putPendingWrites(thread, "", CheckpointId.of("never-stored"), writes)));
                }
            }

            for (var future : good) {
                future.get();
            }
            for (var future : bad) {
                assertThat(future)
                        .failsWithin(java.time.Duration.ZERO)
                        .withThrowableOfType(ExecutionException.class)
                        .havingCause()
                        .isInstanceOf(CheckpointStoreException.class)
                        .withMessageContaining("never-stored");
            }
            for (int i = 0; i < 200; i++) {
                assertThat(store.latest(ThreadId.of("t-" + i), "")).isPresent();
            }
        }
    }

    @Test
    void maxBatchSizeOfOneCommitsEveryWriteAlone() {
        try (var store = SqliteCheckpointStore.builder()
                .path(dir.resolve("single.db"))
                .maxBatchSize(1)
                .build()) {
            var thread = ThreadId.of("t");
            for (int i = 0; i < 5; i++) {
                store.put(checkpoint(thread, "cp-" + i, Optional.empty(), Map.of()), List.of());
            }

            assertThat(store.commits()).isEqualTo(5);
        }
    }

    @Test
    void closeWaitsForWritesInFlightAndTheyAreStored() throws Exception {
        var file = dir.resolve("close.db");
        var store = SqliteCheckpointStore.open(file);
        var thread = ThreadId.of("t");
        var futures = new ArrayList<Future<?>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                var id = "cp-" + i;
                futures.add(executor.submit(
                        () -> store.put(checkpoint(thread, id, Optional.empty(), Map.of()), List.of())));
            }
            Thread.sleep(5);
            store.close();
        }
        int stored = 0;
        for (var future : futures) {
            try {
                future.get();
                stored++;
            } catch (ExecutionException e) {
                assertThat(e.getCause())
                        .isInstanceOf(CheckpointStoreException.class)
                        .hasMessageContaining("closed");
            }
        }

        try (var reopened = SqliteCheckpointStore.open(file)) {
            assertThat(reopened.history(thread, "", 1000)).hasSize(stored);
        }
    }
}
