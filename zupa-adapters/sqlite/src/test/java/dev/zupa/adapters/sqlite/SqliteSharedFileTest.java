package dev.zupa.adapters.sqlite;

import static dev.zupa.adapters.sqlite.Fixtures.checkpoint;
import static dev.zupa.adapters.sqlite.Fixtures.full;
import static dev.zupa.adapters.sqlite.Fixtures.queryText;
import static dev.zupa.adapters.sqlite.Fixtures.userVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.sqlite.internal.DirectoryMigrations;
import dev.zupa.adapters.sqlite.internal.Migrations;
import dev.zupa.core.conversation.ReplyPreference;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.conversation.UserId;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The conversation directory and the checkpoint store share one file, opened in either order, used at once. */
class SqliteSharedFileTest {
    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");
    private static final ThreadId THREAD = ThreadId.of("session-1");

    @TempDir
    Path dir;

    @Test
    void directoryFirstThenCheckpointStore() throws Exception {
        var file = dir.resolve("shared.db");

        try (var directory = SqliteConversationDirectory.open(file)) {
            writeUserAndSession(directory);
            try (var store = SqliteCheckpointStore.open(file)) {
                store.put(checkpoint(THREAD, "cp-1", Optional.empty(), Map.of()), List.of());
                assertBothReadable(directory, store);
            }
        }

        assertSchemasCurrent(file);
        reopenInBothOrders(file);
    }

    @Test
    void checkpointStoreFirstThenDirectory() throws Exception {
        var file = dir.resolve("shared.db");

        try (var store = SqliteCheckpointStore.open(file)) {
            store.put(checkpoint(THREAD, "cp-1", Optional.empty(), Map.of()), List.of());
            try (var directory = SqliteConversationDirectory.open(file)) {
                writeUserAndSession(directory);
                assertBothReadable(directory, store);
            }
        }

        assertSchemasCurrent(file);
        reopenInBothOrders(file);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void bothWriteAtOnceWithoutBusyErrors() throws Exception {
        var file = dir.resolve("busy.db");
        int workers = 8;
        int rounds = 20;
        try (var store = SqliteCheckpointStore.open(file);
                var directory = SqliteConversationDirectory.open(file)) {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<?>>();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < workers; w++) {
                    var thread = ThreadId.of("thread-" + w);
                    var address = "user-" + w;
                    futures.add(executor.submit(() -> {
                        start.await();
                        Optional<String> parent = Optional.empty();
                        for (int i = 0; i < rounds; i++) {
                            var id = "cp-" + i;
                            store.put(
                                    checkpoint(thread, id, parent, Map.of("c", thread + "-" + i)),
                                    List.of(full("c", thread + "-" + i, "[" + i + "]")));
                            parent = Optional.of(id);
                        }
                        return null;
                    }));
                    futures.add(executor.submit(() -> {
                        start.await();
                        var user = directory.userFor("t", address, address, () -> new UserId(address), T0);
                        for (int i = 0; i < rounds; i++) {
                            var session = directory.activeSession(user.id(), () -> new SessionId(address + "-s"), T0);
                            directory.touch(session.id(), T0.plusSeconds(i));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (var future : futures) {
                    future.get();
                }
            }

            for (int w = 0; w < workers; w++) {
                assertThat(store.history(ThreadId.of("thread-" + w), "", 100)).hasSize(rounds);
                assertThat(directory
                                .session(new SessionId("user-" + w + "-s"))
                                .orElseThrow()
                                .turns())
                        .isEqualTo(rounds);
            }
        }
    }

    private static void writeUserAndSession(SqliteConversationDirectory directory) {
        var user = directory.userFor("t", "ana", "Ana", () -> new UserId("ana"), T0);
        directory.setPreference(user.id(), ReplyPreference.TEXT);
        var session = directory.activeSession(user.id(), () -> new SessionId(THREAD.value()), T0);
        directory.touch(session.id(), T0.plusSeconds(1));
    }

    private static void assertBothReadable(SqliteConversationDirectory directory, SqliteCheckpointStore store) {
        assertThat(directory.user(new UserId("ana")).orElseThrow().preference()).isEqualTo(ReplyPreference.TEXT);
        assertThat(directory
                        .session(new SessionId(THREAD.value()))
                        .orElseThrow()
                        .turns())
                .isEqualTo(1);
        assertThat(store.latest(THREAD, "").orElseThrow().checkpoint().id()).isEqualTo(CheckpointId.of("cp-1"));
    }

    private static void assertSchemasCurrent(Path file) throws Exception {
        assertThat(userVersion(file)).isEqualTo(Migrations.latestVersion());
        assertThat(queryText(
                        file, "SELECT version FROM zupa_schema_versions WHERE component = 'conversation_directory'"))
                .contains(String.valueOf(DirectoryMigrations.latestVersion()));
    }

    private static void reopenInBothOrders(Path file) {
        try (var directory = SqliteConversationDirectory.open(file);
                var store = SqliteCheckpointStore.open(file)) {
            assertBothReadable(directory, store);
        }
        try (var store = SqliteCheckpointStore.open(file);
                var directory = SqliteConversationDirectory.open(file)) {
            assertBothReadable(directory, store);
        }
    }
}
