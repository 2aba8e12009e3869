package dev.zupa.adapters.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore.Synchronous;
import dev.zupa.core.ZupaConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One entry per real file, counted, closed by the last release, and refused to an opener that wants another mode. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedFileTest {
    private static final SharedFile.Settings FULL = settings(Synchronous.FULL);

    @TempDir
    Path dir;

    @Test
    void twoSpellingsOfOneFileShareOneEntry() throws Exception {
        Files.createDirectories(dir.resolve("real/a"));
        var link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));

        var first = SharedFile.acquire(dir.resolve("real/a/../shared.db"), FULL);
        var second = SharedFile.acquire(link.resolve("shared.db"), FULL);
        try {
            assertThat(second).isSameAs(first);
            assertThat(first.file()).isEqualTo(dir.resolve("real/shared.db").toRealPath());
        } finally {
            second.release();
            first.release();
        }
    }

    @Test
    void theLastReleaseStopsTheWriterAndForgetsTheFile() throws Exception {
        var path = dir.resolve("counted.db");
        var first = SharedFile.acquire(path, FULL);
        var second = SharedFile.acquire(path, FULL);
        var file = path.toRealPath();

        first.release();
        assertThat(SharedFile.openFiles()).contains(file);
        assertThat(writerThreads(file)).isOne();

        second.release();
        assertThat(SharedFile.openFiles()).doesNotContain(file);
        assertThat(writerThreads(file)).isZero();
        assertThat(threadsNamed("zupa-sqlite-checkpointer " + file)).isZero();
        assertThatThrownBy(second::release)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll(file.toString(), "released more often than acquired");

        var again = SharedFile.acquire(path, settings(Synchronous.NORMAL));
        assertThat(again).isNotSameAs(first);
        again.release();
    }

    @Test
    void anotherSynchronousModeIsRefusedNamingBoth() throws Exception {
        var path = dir.resolve("modes.db");
        var shared = SharedFile.acquire(path, FULL);

        assertThatThrownBy(() -> SharedFile.acquire(path, settings(Synchronous.OFF)))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessageContainingAll(path.toRealPath().toString(), "synchronous=FULL", "synchronous=OFF");

        // the refused opener took no reference: one release closes the file
        shared.release();
        assertThat(SharedFile.openFiles()).doesNotContain(path.toRealPath());
    }

    @Test
    void aFileThatCannotBeOpenedLeavesNoEntry() throws Exception {
        var path = dir.resolve("notes.db");
        Files.writeString(path, "not a database ".repeat(100), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SharedFile.acquire(path, FULL)).isInstanceOf(SQLException.class);
        assertThat(SharedFile.openFiles()).doesNotContain(path.toRealPath());
        assertThat(writerThreads(path.toRealPath())).isZero();
    }

    private static SharedFile.Settings settings(Synchronous synchronous) {
        return new SharedFile.Settings(synchronous, Duration.ofSeconds(5), 2, 64);
    }

    @Test
    void theLogIsCopiedIntoTheFileBesideTheWriter() throws Exception {
        var path = dir.resolve("checkpointed.db");
        var shared = SharedFile.acquire(path, FULL);
        try {
            var file = path.toRealPath();
            assertThat(threadsNamed("zupa-sqlite-checkpointer " + file)).isOne();
            shared.writer().write(() -> "table", session -> session.execute("CREATE TABLE t (v TEXT)"));
            for (int i = 0; i < 50; i++) {
                int value = i;
                shared.writer()
                        .write(() -> "row", session -> session.execute("INSERT INTO t VALUES ('" + value + "')"));
            }
            // far below the writer's own automatic checkpoint: only the background checkpointer copies these rows
            // from the log into the database file, where a copy of the file without its log finds them
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int copied;
            do {
                Thread.sleep(20);
                copied = rowsInTheFileAlone(file);
            } while (copied < 50 && System.nanoTime() < deadline);
            assertThat(copied).isEqualTo(50);
        } finally {
            shared.release();
        }
    }

    /** The rows of table t in a copy of the database file without its log: what was checkpointed. */
    private int rowsInTheFileAlone(Path file) throws Exception {
        var copy = dir.resolve("copy-" + System.nanoTime() + ".db");
        Files.copy(file, copy);
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy);
                var statement = connection.createStatement();
                var rows =
                        statement.executeQuery("SELECT CASE WHEN EXISTS (SELECT 1 FROM sqlite_master WHERE name = 't')"
                                + " THEN (SELECT count(*) FROM sqlite_master) ELSE 0 END")) {
            rows.next();
            if (rows.getInt(1) == 0) {
                return 0;
            }
        }
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy);
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM t")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static long writerThreads(Path file) {
        return threadsNamed("zupa-sqlite-writer " + file);
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name))
                .count();
    }
}
