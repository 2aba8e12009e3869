package dev.zupa.adapters.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.checkpoint.CheckpointStoreException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Who commits, who is woken, and what each caller learns. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupCommitWriterTest {
    private static final String INSERT = "INSERT INTO t (k) VALUES (?)";

    @TempDir
    Path dir;

    private Path file;
    private GroupCommitWriter writer;

    @BeforeEach
    void open() throws SQLException {
        file = dir.resolve("writer.db");
        var session = Session.open(file, Duration.ofSeconds(5), "synchronous = OFF");
        session.queryText("PRAGMA journal_mode = WAL");
        session.execute("CREATE TABLE t (k TEXT PRIMARY KEY)");
        writer = new GroupCommitWriter(session, 512, file.toString());
        writer.start();
    }

    @AfterEach
    void stop() {
        writer.stop();
    }

    @Test
    void aLoneCallerOnAPlatformThreadCommitsOnItsOwnThreadAndAVirtualOneOnTheWriters() throws Exception {
        var ranOn = new AtomicReference<Thread>();
        writer.write(() -> "platform", session -> {
            ranOn.set(Thread.currentThread());
            insert(session, "platform");
        });
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());

        var virtual = Thread.ofVirtual()
                .start(() -> writer.write(() -> "virtual", session -> {
                    ranOn.set(Thread.currentThread());
                    insert(session, "virtual");
                }));
        virtual.join();
        assertThat(ranOn.get().getName()).startsWith("zupa-sqlite-writer");

        assertThat(rows()).isEqualTo(2);
        assertThat(writer.commits()).isEqualTo(2);
    }

    @Test
    void aStatementTheDriverFinalizedAfterAFailureIsPreparedAgain() throws Exception {
        // json() fails while the statement steps (SQLITE_ERROR), and the driver then finalizes the cached statement
        var sql = "INSERT INTO t (k) VALUES (json(?))";
        assertThatThrownBy(() -> writer.write(() -> "bad json", session -> {
                    var insert = session.prepare(sql);
                    insert.setString(1, "{not json");
                    insert.executeUpdate();
                }))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContaining("bad json");

        writer.write(() -> "good json", session -> {
            var insert = session.prepare(sql);
            insert.setString(1, "{\"a\":1}");
            insert.executeUpdate();
        });
        writer.write(() -> "plain", session -> insert(session, "after"));

        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void concurrentCallersEachLearnTheirOwnOutcome() throws Exception {
        int threads = 32;
        int perThread = 40;
        var failed = ConcurrentHashMap.<String>newKeySet();
        var stored = ConcurrentHashMap.<String>newKeySet();
        var futures = new ArrayList<Future<?>>();
        try (var executor = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        var key = thread + "-" + i;
                        boolean fails = (thread + i) % 7 == 0;
                        try {
                            writer.write(() -> key, session -> {
                                insert(session, key);
                                if (fails) {
                                    throw new SQLException("refused " + key);
                                }
                            });
                            stored.add(key);
                        } catch (CheckpointStoreException e) {
                            assertThat(e).hasMessageContaining("refused " + key);
                            failed.add(key);
                        }
                    }
                }));
            }
            for (var future : futures) {
                future.get();
            }
        }

        assertThat(stored.size() + failed.size()).isEqualTo(threads * perThread);
        assertThat(failed).allMatch(key -> {
            var parts = key.split("-");
            return (Integer.parseInt(parts[0]) + Integer.parseInt(parts[1])) % 7 == 0;
        });
        assertThat(rows()).isEqualTo(stored.size());
        assertThat(writer.writes()).isEqualTo(stored.size());
        assertThat(writer.commits())
                .as("transactions for %d writes", threads * perThread)
                .isLessThan(threads * perThread);
    }

    @Test
    void anInterruptedCallerDoesNotStrandTheCallersWokenAfterIt() throws Exception {
        var blocking = new CountDownLatch(1);
        var blocked = new CountDownLatch(1);
        var first = Thread.ofVirtual()
                .start(() -> writer.write(() -> "first", session -> {
                    blocked.countDown();
                    await(blocking);
                    insert(session, "first");
                }));
        blocked.await();

        // these queue behind the blocked batch, in this order; the first of them is the next batch's first to wake
        var failures = new ConcurrentHashMap<String, Throwable>();
        var callers = new ArrayList<Thread>();
        for (int i = 0; i < 9; i++) {
            var key = "queued-" + i;
            var caller = Thread.ofVirtual().unstarted(() -> {
                try {
                    writer.write(() -> key, session -> insert(session, key));
                } catch (RuntimeException e) {
                    failures.put(key, e);
                }
            });
            caller.start();
            waitUntilParked(caller);
            callers.add(caller);
        }
        callers.getFirst().interrupt();
        callers.getFirst().join();
        assertThat(failures.get("queued-0")).hasMessageContaining("interrupted");

        blocking.countDown();
        first.join();
        for (var caller : callers) {
            assertThat(caller.join(Duration.ofSeconds(10)))
                    .as(caller.toString())
                    .isTrue();
        }
        assertThat(failures).containsOnlyKeys("queued-0");
        assertThat(rows())
                .as("the interrupted caller's write is committed all the same")
                .isEqualTo(10);
    }

    private static void insert(Session session, String key) throws SQLException {
        var insert = session.prepare(INSERT);
        insert.setString(1, key);
        insert.executeUpdate();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntilParked(Thread thread) throws InterruptedException {
        while (thread.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
    }

    private long rows() throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM t")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
