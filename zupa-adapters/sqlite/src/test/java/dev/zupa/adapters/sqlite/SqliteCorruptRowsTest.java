package dev.zupa.adapters.sqlite;

import static dev.zupa.adapters.sqlite.Fixtures.checkpoint;
import static dev.zupa.adapters.sqlite.Fixtures.delta;
import static dev.zupa.adapters.sqlite.Fixtures.full;
import static dev.zupa.adapters.sqlite.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import dev.zupa.engine.checkpoint.PendingWrite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows written by something else (a bug, a newer version, a hand edit) fail clearly instead of loading garbage. */
class SqliteCorruptRowsTest {
    private static final ThreadId THREAD = ThreadId.of("thread-x");

    @TempDir
    Path dir;

    private Path file;
    private SqliteCheckpointStore store;

    @BeforeEach
    void storeAValidChain() {
        file = dir.resolve("corrupt.db");
        store = SqliteCheckpointStore.open(file);
        store.put(
                checkpoint(THREAD, "cp-1", Optional.empty(), Map.of("messages", "m1")),
                List.of(full("messages", "m1", "[1]")));
        store.put(
                checkpoint(THREAD, "cp-2", Optional.of("cp-1"), Map.of("messages", "m2")),
                List.of(delta("messages", "m2", "m1", "[2]")));
        store.putPendingWrites(
                THREAD,
                "",
                CheckpointId.of("cp-2"),
                List.of(new PendingWrite("t", PendingWrite.Kind.RESULT, 0, new byte[] {7})));
        assertThat(store.latest(THREAD, "").orElseThrow().channels().get("messages"))
                .hasSize(2);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /**
     * Changes rows behind the store's back, then opens the file afresh: a store keeps the checkpoints it wrote or read
     * in its cache (they never change once committed), so damage is found by a store that reads the rows.
     */
    private void corrupt(String statement) throws Exception {
        sql(file, statement);
        store.close();
        store = SqliteCheckpointStore.open(file);
    }

    @Test
    void unparsableCheckpointJsonNamesThreadAndCheckpoint() throws Exception {
        corrupt("UPDATE checkpoints SET json = '{not json' WHERE checkpoint_id = 'cp-2'");

        assertThatThrownBy(() -> store.latest(THREAD, ""))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-2", "JSON");
        assertThatThrownBy(() -> store.history(THREAD, "", 10))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-2");
        assertThat(store.get(THREAD, "", CheckpointId.of("cp-1"))).isPresent();
    }

    @Test
    void jsonOfAnotherCheckpointIsRejected() throws Exception {
        corrupt("UPDATE checkpoints SET json = (SELECT json FROM checkpoints WHERE checkpoint_id = 'cp-1')"
                + " WHERE checkpoint_id = 'cp-2'");

        assertThatThrownBy(() -> store.get(THREAD, "", CheckpointId.of("cp-2")))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-2", "describes checkpoint cp-1");
    }

    @Test
    void jsonMissingRequiredFieldsIsRejected() throws Exception {
        corrupt("UPDATE checkpoints SET json = '{\"id\":\"cp-2\"}' WHERE checkpoint_id = 'cp-2'");

        assertThatThrownBy(() -> store.latest(THREAD, ""))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-2");
    }

    @Test
    void missingBlobNamesThreadCheckpointAndChannel() throws Exception {
        corrupt("DELETE FROM blobs WHERE version = 'm1'");

        assertThatThrownBy(() -> store.latest(THREAD, ""))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-2", "messages", "m1");
    }

    @Test
    void unknownBlobKindNamesThreadCheckpointAndChannel() throws Exception {
        corrupt("UPDATE blobs SET kind = 'SNAPSHOT' WHERE version = 'm2'");

        assertThatThrownBy(() -> store.latest(THREAD, ""))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-2", "messages", "SNAPSHOT");
    }

    @Test
    void fullBlobWithABaseVersionIsRejected() throws Exception {
        corrupt("UPDATE blobs SET base_version = 'm0' WHERE version = 'm1'");

        assertThatThrownBy(() -> store.get(THREAD, "", CheckpointId.of("cp-1")))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-1", "messages");
    }

    @Test
    void blobChainThatLoopsIsRejectedInsteadOfRunningForever() throws Exception {
        corrupt("UPDATE blobs SET kind = 'DELTA', base_version = 'm2' WHERE version = 'm1'");

        assertThatThrownBy(() -> store.latest(THREAD, ""))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-2", "messages", "loops");
    }

    @Test
    void unknownPendingWriteKindNamesThreadAndCheckpoint() throws Exception {
        corrupt("UPDATE pending_writes SET kind = 'TELEPORT'");

        assertThatThrownBy(() -> store.latest(THREAD, ""))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-2", "TELEPORT");
    }

    @Test
    void negativePendingWriteIndexIsRejected() throws Exception {
        corrupt("UPDATE pending_writes SET idx = -1");

        assertThatThrownBy(() -> store.latest(THREAD, ""))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-2");
    }
}
