package dev.zupa.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.testkit.CheckpointStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store passes the shared contract against a real file, including close and reopen. */
class SqliteCheckpointStoreTest extends CheckpointStoreContract {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("contract.db");
    }

    @Override
    protected CheckpointStore createStore() {
        return SqliteCheckpointStore.open(file());
    }

    @Override
    protected Optional<CheckpointStore> reopen() {
        return Optional.of(SqliteCheckpointStore.open(file()));
    }

    @Override
    protected void changeLedgerPayload(long sequence, String payload) throws Exception {
        Fixtures.sql(
                file(), "UPDATE ledger SET payload = '" + payload.replace("'", "''") + "' WHERE seq = " + sequence);
    }

    @Override
    protected void deleteLedgerEntry(long sequence) throws Exception {
        Fixtures.sql(file(), "DELETE FROM ledger WHERE seq = " + sequence);
    }

    @Test
    void fileIsInWriteAheadLogMode() throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file());
                var statement = connection.createStatement();
                var rows = statement.executeQuery("PRAGMA journal_mode")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void createsMissingParentDirectories() {
        var nested = dir.resolve("a/b/c/nested.db");

        try (var store = SqliteCheckpointStore.builder()
                .path(nested)
                .synchronous(SqliteCheckpointStore.Synchronous.NORMAL)
                .busyTimeout(Duration.ofSeconds(1))
                .readConnections(1)
                .maxBatchSize(8)
                .build()) {
            assertThat(store.path()).isEqualTo(nested);
        }

        assertThat(Files.exists(nested)).isTrue();
    }

    @Test
    void builderRejectsBadSettingsNamingThem() {
        var builder = SqliteCheckpointStore.builder();

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("path");
        assertThatThrownBy(() -> builder.readConnections(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readConnections");
        assertThatThrownBy(() -> builder.maxBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBatchSize");
        assertThatThrownBy(() -> builder.busyTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("busyTimeout");
        assertThatThrownBy(() -> SqliteCheckpointStore.Synchronous.parse("sometimes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sometimes");
        assertThat(SqliteCheckpointStore.Synchronous.parse(" normal "))
                .isEqualTo(SqliteCheckpointStore.Synchronous.NORMAL);
    }
}
