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

    private static long writerThreads(Path file) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("zupa-sqlite-writer " + file))
                .count();
    }
}
