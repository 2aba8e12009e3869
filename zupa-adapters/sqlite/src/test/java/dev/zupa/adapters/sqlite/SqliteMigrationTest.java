package dev.zupa.adapters.sqlite;

import static dev.zupa.adapters.sqlite.Fixtures.checkpoint;
import static dev.zupa.adapters.sqlite.Fixtures.sql;
import static dev.zupa.adapters.sqlite.Fixtures.userVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.adapters.sqlite.internal.Migrations;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMigrationTest {
    private static final ThreadId THREAD = ThreadId.of("t");

    @TempDir
    Path dir;

    @Test
    void freshFileGetsTheCurrentSchemaVersion() throws Exception {
        var file = dir.resolve("fresh.db");

        SqliteCheckpointStore.open(file).close();

        assertThat(Migrations.latestVersion()).isPositive();
        assertThat(userVersion(file)).isEqualTo(Migrations.latestVersion());
    }

    @Test
    void reopeningAnUpToDateFileChangesNothing() throws Exception {
        var file = dir.resolve("again.db");
        try (var store = SqliteCheckpointStore.open(file)) {
            store.put(checkpoint(THREAD, "cp-1", Optional.empty(), Map.of()), List.of());
        }

        try (var store = SqliteCheckpointStore.open(file)) {
            assertThat(store.history(THREAD, "", 10)).hasSize(1);
        }
        try (var store = SqliteCheckpointStore.open(file)) {
            assertThat(store.latest(THREAD, "")).isPresent();
        }

        assertThat(userVersion(file)).isEqualTo(Migrations.latestVersion());
    }

    @Test
    void fileWithANewerSchemaIsRefusedClearly() throws Exception {
        var file = dir.resolve("newer.db");
        SqliteCheckpointStore.open(file).close();
        int newer = Migrations.latestVersion() + 1;
        sql(file, "PRAGMA user_version = " + newer);

        assertThatThrownBy(() -> SqliteCheckpointStore.open(file))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(
                        file.toAbsolutePath().toString(),
                        "schema version " + newer,
                        "up to " + Migrations.latestVersion(),
                        "newer Zupa");
        assertThat(userVersion(file)).isEqualTo(newer);
    }

    @Test
    void fileThatIsNotADatabaseIsRefusedNamingIt() throws Exception {
        var file = dir.resolve("notes.db");
        Files.writeString(file, "these are not the tables you are looking for ".repeat(100), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SqliteCheckpointStore.open(file))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());
    }
}
