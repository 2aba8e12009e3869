package dev.zupa.adapters.sqlite;

import static dev.zupa.adapters.sqlite.Fixtures.checkpoint;
import static dev.zupa.adapters.sqlite.Fixtures.full;
import static dev.zupa.adapters.sqlite.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore.Synchronous;
import dev.zupa.adapters.sqlite.internal.SharedFile;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.ZupaException;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.conversation.User;
import dev.zupa.core.conversation.UserId;
import dev.zupa.engine.ThreadId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every store and directory on one file in this JVM shares the file's one writer and its read connections. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SqliteOneWriterPerFileTest {
    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");

    @TempDir
    Path dir;

    @Test
    void directoryWritesAndCheckpointsShareTheWritersCommits() throws Exception {
        int n = 200;
        try (var store = SqliteCheckpointStore.open(dir.resolve("one.db"));
                var directory = SqliteConversationDirectory.open(dir.resolve("one.db"))) {
            var sessions = new ArrayList<SessionId>();
            for (int i = 0; i < n; i++) {
                var address = "user-" + i;
                var user = directory.userFor("t", address, address, () -> new UserId(address), T0);
                sessions.add(directory
                        .activeSession(user.id(), () -> new SessionId(address), T0)
                        .id());
            }
            long commitsBefore = store.commits();
            long writesBefore = store.writes();

            var tasks = new ArrayList<Callable<Object>>();
            for (int i = 0; i < n; i++) {
                var session = sessions.get(i);
                var thread = ThreadId.of("thread-" + i);
                tasks.add(() -> {
                    directory.touch(session, T0.plusSeconds(1));
                    return null;
                });
                tasks.add(() -> {
                    store.put(
                            checkpoint(thread, "cp", Optional.empty(), Map.of("c", "v")),
                            List.of(full("c", "v", "[1]")));
                    return null;
                });
            }
            race(tasks);

            assertThat(store.writes() - writesBefore)
                    .as("the directory's touches are counted by the store's writer")
                    .isEqualTo(2L * n);
            assertThat(store.commits() - commitsBefore)
                    .as("commits for %d touches and %d puts", n, n)
                    .isPositive()
                    .isLessThan(2L * n);
            for (int i = 0; i < n; i++) {
                assertThat(directory.session(sessions.get(i)).orElseThrow().turns())
                        .isEqualTo(1);
                assertThat(store.latest(ThreadId.of("thread-" + i), "")).isPresent();
            }
        }
    }

    @Test
    void closingOneKeepsTheOtherWorkingAndClosingAllReleasesTheFile() throws Exception {
        var file = dir.resolve("release.db");
        var thread = ThreadId.of("t");
        var directory = SqliteConversationDirectory.open(file);
        var store = SqliteCheckpointStore.open(file);
        var user = directory.userFor("t", "ana", "Ana", () -> new UserId("ana"), T0);

        store.close();
        var session = directory.activeSession(user.id(), () -> new SessionId("s"), T0);
        directory.touch(session.id(), T0.plusSeconds(1));
        assertThat(directory.session(session.id()).orElseThrow().turns()).isEqualTo(1);

        var second = SqliteCheckpointStore.open(file);
        directory.close();
        second.put(checkpoint(thread, "cp-1", Optional.empty(), Map.of()), List.of());
        assertThat(second.latest(thread, "")).isPresent();
        assertThat(writerThreads()).isOne();

        second.close();
        assertThat(writerThreads()).isZero();
        // a mode the closed file was not open with is accepted: nothing in this JVM holds the file any more
        try (var reopened = SqliteConversationDirectory.builder()
                .path(file)
                .synchronous(Synchronous.NORMAL)
                .build()) {
            assertThat(reopened.session(session.id()).orElseThrow().turns()).isEqualTo(1);
        }
    }

    @Test
    void anOpenerWithAnotherSynchronousModeIsRefusedNamingBoth() throws Exception {
        var file = dir.resolve("modes.db");
        try (var store = SqliteCheckpointStore.open(file)) {
            assertThatThrownBy(() -> SqliteConversationDirectory.builder()
                            .path(file)
                            .synchronous(Synchronous.NORMAL)
                            .build())
                    .isInstanceOf(ZupaConfigurationException.class)
                    .hasMessageContainingAll("modes.db", "synchronous=FULL", "synchronous=NORMAL");
            assertThatThrownBy(() -> SqliteCheckpointStore.builder()
                            .path(file)
                            .synchronous(Synchronous.OFF)
                            .build())
                    .isInstanceOf(ZupaConfigurationException.class)
                    .hasMessageContainingAll("synchronous=FULL", "synchronous=OFF");

            store.put(checkpoint(ThreadId.of("t"), "cp", Optional.empty(), Map.of()), List.of());
            assertThat(store.latest(ThreadId.of("t"), "")).isPresent();
        }
        assertThat(writerThreads()).isZero();
    }

    @Test
    void concurrentUserForOfOneAddressCreatesOneUserAndAsksForOneId() throws Exception {
        try (var directory = SqliteConversationDirectory.open(dir.resolve("race.db"))) {
            var idCalls = new AtomicInteger();
            var tasks = new ArrayList<Callable<User>>();
            for (int i = 0; i < 50; i++) {
                int racer = i;
                tasks.add(() -> directory.userFor(
                        "t",
                        "same",
                        "Same",
                        () -> {
                            idCalls.incrementAndGet();
                            return new UserId("user-" + racer);
                        },
                        T0));
            }

            var users = race(tasks);

            assertThat(users.stream().map(User::id).distinct()).hasSize(1);
            assertThat(idCalls.get()).isEqualTo(1);
            assertThat(directory.user(users.get(0).id())).contains(users.get(0));
        }
    }

    @Test
    void anIdSupplierIsCalledOnceEvenWhenAFailingWriteMakesItsBatchRunAgain() throws Exception {
        try (var directory = SqliteConversationDirectory.open(dir.resolve("rerun.db"))) {
            int users = 100;
            var idCalls = new AtomicInteger();
            var tasks = new ArrayList<Callable<Object>>();
            for (int i = 0; i < users; i++) {
                var address = "user-" + i;
                tasks.add(() -> directory.userFor(
                        "t",
                        address,
                        address,
                        () -> {
                            idCalls.incrementAndGet();
                            return new UserId(address);
                        },
                        T0));
                // fails inside the writer, which then runs its batch again with a savepoint per write
                tasks.add(() -> {
                    try {
                        directory.touch(new SessionId("ghost"), T0);
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                    return "touched a ghost";
                });
            }

            var results = race(tasks);

            assertThat(idCalls.get()).isEqualTo(users);
            assertThat(results)
                    .filteredOn(String.class::isInstance)
                    .hasSize(users)
                    .containsOnly("unknown session ghost");
            for (int i = 0; i < users; i++) {
                assertThat(directory.user(new UserId("user-" + i))).isPresent();
            }
        }
    }

    @Test
    void anIdSupplierThatReturnsATakenIdIsRefusedAndNothingIsWritten() {
        try (var directory = SqliteConversationDirectory.open(dir.resolve("taken.db"))) {
            var ana = directory.userFor("t", "ana", "Ana", () -> new UserId("ana"), T0);
            var session = directory.activeSession(ana.id(), () -> new SessionId("s-ana"), T0);

            assertThatThrownBy(() -> directory.userFor("t", "bob", "Bob", () -> new UserId("ana"), T0))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("newId returned ana, which is already the id of another user");
            var bob = directory.userFor("t", "bob", "Bob", () -> new UserId("bob"), T0);
            assertThatThrownBy(() -> directory.activeSession(bob.id(), session::id, T0))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("newId returned s-ana, which is already the id of another session");

            assertThat(directory.activeSessions(10)).containsExactly(session);
            assertThat(directory.user(new UserId("ana")).orElseThrow().address())
                    .isEqualTo("ana");
        }
    }

    @Test
    void readsAreServedWhileTheWriterHoldsALongTransaction() throws Exception {
        var file = dir.resolve("long.db");
        try (var directory = SqliteConversationDirectory.open(file);
                var store = SqliteCheckpointStore.open(file)) {
            var ana = directory.userFor("t", "ana", "Ana", () -> new UserId("ana"), T0);
            var session = directory.activeSession(ana.id(), () -> new SessionId("s"), T0);
            var thread = ThreadId.of("t");
            store.put(checkpoint(thread, "cp", Optional.empty(), Map.of()), List.of());

            // a third user of the file: its write holds the writer's transaction until released
            var shared = SharedFile.acquire(file, sharedSettings());
            var inside = new CountDownLatch(1);
            var finish = new CountDownLatch(1);
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                var longWrite = executor.submit(() -> {
                    shared.writer().write(() -> "a long write", writing -> {
                        writing.execute("UPDATE zupa_sessions SET turns = turns + 100");
                        inside.countDown();
                        try {
                            finish.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    return null;
                });
                assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
                var queuedTouch = executor.submit(() -> {
                    directory.touch(session.id(), T0.plusSeconds(1));
                    return null;
                });

                assertThat(directory.session(session.id()).orElseThrow().turns())
                        .isZero();
                assertThat(directory.userFor("t", "ana", "Ana", () -> new UserId("never"), T0))
                        .isEqualTo(ana);
                assertThat(directory.activeSession(ana.id(), () -> new SessionId("never"), T0))
                        .isEqualTo(session);
                assertThat(directory.activeSessions(10)).hasSize(1);
                assertThat(store.latest(thread, "")).isPresent();
                assertThat(queuedTouch).isNotDone();

                finish.countDown();
                longWrite.get();
                queuedTouch.get();
            } finally {
                finish.countDown();
                shared.release();
            }
            assertThat(directory.session(session.id()).orElseThrow().turns()).isEqualTo(101);
        }
    }

    @Test
    void aFailureOfTheFileIsAZupaExceptionNamingFileAndCall() throws Exception {
        var file = dir.resolve("broken.db");
        try (var directory = SqliteConversationDirectory.open(file)) {
            var ana = directory.userFor("t", "ana", "Ana", () -> new UserId("ana"), T0);
            var session = directory.activeSession(ana.id(), () -> new SessionId("s"), T0);
            sql(file, "DROP TABLE zupa_sessions");

            assertThatThrownBy(() -> directory.touch(session.id(), T0))
                    .isExactlyInstanceOf(ZupaException.class)
                    .hasMessageContainingAll("touch session s", file.toString(), "zupa_sessions");
            assertThatThrownBy(() -> directory.session(session.id()))
                    .isExactlyInstanceOf(ZupaException.class)
                    .hasMessageContainingAll("read session s", file.toString(), "zupa_sessions");
        }
    }

    private static SharedFile.Settings sharedSettings() {
        return new SharedFile.Settings(
                Synchronous.FULL,
                Duration.ofSeconds(5),
                SharedFile.Settings.DEFAULT_READ_CONNECTIONS,
                SharedFile.Settings.DEFAULT_MAX_BATCH_SIZE);
    }

    private long writerThreads() throws Exception {
        var prefix = "zupa-sqlite-writer " + dir.toRealPath();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix))
                .count();
    }

    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<T>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var task : tasks) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (var future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw new AssertionError("a racer failed", e.getCause());
                }
            }
            return results;
        }
    }
}
