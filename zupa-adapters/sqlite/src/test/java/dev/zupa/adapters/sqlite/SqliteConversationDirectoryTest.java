package dev.zupa.adapters.sqlite;

import static dev.zupa.adapters.sqlite.Fixtures.queryText;
import static dev.zupa.adapters.sqlite.Fixtures.sql;
import static dev.zupa.adapters.sqlite.Fixtures.userVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.adapters.sqlite.internal.DirectoryMigrations;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.conversation.User;
import dev.zupa.core.conversation.UserId;
import dev.zupa.testkit.ConversationDirectoryContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite directory passes the shared contract against a real file, and keeps its promises across connections. */
class SqliteConversationDirectoryTest extends ConversationDirectoryContract {
    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("directory.db");
    }

    @Override
    protected ConversationDirectory createDirectory() {
        return SqliteConversationDirectory.open(file());
    }

    @Override
    protected Optional<ConversationDirectory> reopen() {
        return Optional.of(SqliteConversationDirectory.open(file()));
    }

    @Test
    void fileIsInWriteAheadLogModeAndUserVersionIsLeftToTheCheckpointStore() throws Exception {
        assertThat(queryText(file(), "PRAGMA journal_mode"))
                .hasValueSatisfying(mode -> assertThat(mode).isEqualToIgnoringCase("wal"));
        assertThat(userVersion(file())).isZero();
        assertThat(queryText(
                        file(), "SELECT version FROM zupa_schema_versions WHERE component = 'conversation_directory'"))
                .contains(String.valueOf(DirectoryMigrations.latestVersion()));
    }

    @Test
    void everyTableAndIndexItCreatesIsPrefixed() throws Exception {
        var names = queryText(file(), "SELECT group_concat(name, ',') FROM sqlite_master WHERE sql IS NOT NULL")
                .orElseThrow();

        assertThat(names.split(",")).isNotEmpty().allSatisfy(name -> assertThat(name)
                .startsWith("zupa_"));
    }

    @Test
    void instantsKeepTheirNanosecondsOnBothSidesOfTheEpoch() {
        var before = Instant.parse("1969-12-31T23:59:59.999999999Z");
        var after = Instant.parse("2262-04-11T23:47:16.854775807Z");
        var user = directory().userFor("t", "a", "A", () -> new UserId("u"), before);
        var session = directory().activeSession(user.id(), () -> new SessionId("s"), before);
        directory().touch(session.id(), after);

        assertThat(directory().user(user.id()).orElseThrow().createdAt()).isEqualTo(before);
        var stored = directory().session(session.id()).orElseThrow();
        assertThat(stored.startedAt()).isEqualTo(before);
        assertThat(stored.lastActiveAt()).isEqualTo(after);
    }

    @Test
    void instantsOutsideTheStoredRangeAreRefusedNamingThem() {
        var user = directory().userFor("t", "a", "A", () -> new UserId("u"), T0);

        assertThatThrownBy(() -> directory().userFor("t", "b", "B", () -> new UserId("v"), Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("now", Instant.MAX.toString());
        assertThatThrownBy(() -> directory().activeSession(user.id(), () -> new SessionId("s"), Instant.MIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Instant.MIN.toString());
        assertThat(directory().activeSessions(10)).isEmpty();
    }

    @Test
    void theFileAllowsOneOpenSessionPerUserWhoeverWritesIt() {
        var user = directory().userFor("t", "a", "A", () -> new UserId("u"), T0);
        directory().activeSession(user.id(), () -> new SessionId("s-1"), T0);

        assertThatThrownBy(() -> sql(
                        file(),
                        "INSERT INTO zupa_sessions (session_id, user_id, started_at, last_active_at, turns)"
                                + " VALUES ('s-2', 'u', 0, 0, 0)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("UNIQUE");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoDirectoriesOnOneFileCreateOneUserAndOneSession() throws Exception {
        try (var other = SqliteConversationDirectory.open(file())) {
            var directories = List.of(directory(), other);
            var idCalls = new AtomicInteger();

            var users = race(16, i -> directories
                    .get(i % 2)
                    .userFor(
                            "t",
                            "new",
                            "New",
                            () -> {
                                idCalls.incrementAndGet();
                                return new UserId("user-" + i);
                            },
                            T0));
            var userId = users.get(0).id();
            var sessions = race(
                    16, i -> directories.get(i % 2).activeSession(userId, () -> new SessionId("session-" + i), T0));

            assertThat(users.stream().map(User::id).distinct()).hasSize(1);
            assertThat(idCalls.get()).isEqualTo(1);
            assertThat(sessions.stream().map(Session::id).distinct()).hasSize(1);
            assertThat(other.activeSessions(10))
                    .containsExactlyElementsOf(directory().activeSessions(10));
            assertThat(directory().activeSessions(10)).hasSize(1);
        }
    }

    @Test
    void createsMissingParentDirectories() {
        var nested = dir.resolve("a/b/c/nested.db");

        try (var directory = SqliteConversationDirectory.builder()
                .path(nested)
                .synchronous(SqliteCheckpointStore.Synchronous.NORMAL)
                .busyTimeout(Duration.ofSeconds(1))
                .build()) {
            assertThat(directory.path()).isEqualTo(nested);
            assertThat(directory).hasToString("SqliteConversationDirectory[" + nested + "]");
        }

        assertThat(Files.exists(nested)).isTrue();
    }

    @Test
    void builderRejectsBadSettingsNamingThem() {
        var builder = SqliteConversationDirectory.builder();

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("path");
        assertThatThrownBy(() -> builder.busyTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("busyTimeout");
    }

    @Test
    void closedDirectoryNamesItsFile() {
        directory().close();

        assertThatThrownBy(() -> directory().activeSessions(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll(file().toString(), "closed");
    }

    @FunctionalInterface
    private interface Racer<T> {
        T run(int index) throws Exception;
    }

    private static <T> List<T> race(int racers, Racer<T> racer) throws Exception {
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<T>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < racers; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    start.await();
                    return racer.run(index);
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (var future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
