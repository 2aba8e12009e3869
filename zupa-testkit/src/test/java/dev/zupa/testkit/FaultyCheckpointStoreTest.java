package dev.zupa.testkit;

import static dev.zupa.testkit.CountingCheckpointStoreTest.THREAD;
import static dev.zupa.testkit.CountingCheckpointStoreTest.blob;
import static dev.zupa.testkit.CountingCheckpointStoreTest.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import dev.zupa.engine.checkpoint.PendingWrite;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The faulty wrapper passes the contract when no fault is configured, and fails exactly what it was told to. */
class FaultyCheckpointStoreTest extends CheckpointStoreContract {
    @Override
    protected CheckpointStore createStore() {
        return FaultyCheckpointStore.builder(CheckpointStore.inMemory()).build();
    }

    @Test
    void failsOnlyTheNthPutAndStoresNothingOfIt() {
        var delegate = CheckpointStore.inMemory();
        var store = FaultyCheckpointStore.builder(delegate).failNthPut(2).build();

        store.put(checkpoint("cp-1", Map.of("c", "v1")), List.of(blob("v1", 10)));
        assertThatThrownBy(() -> store.put(checkpoint("cp-2", Map.of("c", "v2")), List.of(blob("v2", 10))))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll("put #2", "cp-2", THREAD.value());
        store.put(checkpoint("cp-3", Map.of("c", "v3")), List.of(blob("v3", 5)));

        assertThat(delegate.history(THREAD, "", 10))
                .extracting(c -> c.id().value())
                .containsExactly("cp-3", "cp-1");
        assertThat(store.puts()).isEqualTo(3);
        assertThat(store.checkpointsWritten()).isEqualTo(2);
        assertThat(store.bytesWritten()).isEqualTo(15);
        assertThat(store.failures()).isEqualTo(1);
    }

    @Test
    void failsEveryPutAfterNUntilHealed() {
        var store = FaultyCheckpointStore.builder(CheckpointStore.inMemory())
                .failPutsAfter(1)
                .build();

        store.put(checkpoint("cp-1", Map.of()), List.of());
        assertThatThrownBy(() -> store.put(checkpoint("cp-2", Map.of()), List.of()))
                .isInstanceOf(CheckpointStoreException.class);
        assertThatThrownBy(() -> store.put(checkpoint("cp-3", Map.of()), List.of()))
                .isInstanceOf(CheckpointStoreException.class);
        store.heal();
        store.put(checkpoint("cp-4", Map.of()), List.of());

        assertThat(store.history(THREAD, "", 10))
                .extracting(c -> c.id().value())
                .containsExactly("cp-4", "cp-1");
        assertThat(store.failures()).isEqualTo(2);
    }

    @Test
    void failAfterStoringStoresTheCheckpointAndStillFails() {
        var store = FaultyCheckpointStore.builder(CheckpointStore.inMemory())
                .failNthPut(1)
                .failAfterStoring(true)
                .build();

        assertThatThrownBy(() -> store.put(checkpoint("cp-1", Map.of()), List.of()))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContaining("stored, then failed");

        assertThat(store.latest(THREAD, "")).isPresent();
        assertThat(store.checkpointsWritten()).isEqualTo(1);
    }

    @Test
    void failsPendingWritesWhenAsked() {
        var store = FaultyCheckpointStore.builder(CheckpointStore.inMemory())
                .failPendingWrites(true)
                .build();
        store.put(checkpoint("cp-1", Map.of()), List.of());
        var writes = List.of(new PendingWrite("t", PendingWrite.Kind.RESULT, 0, new byte[1]));

        assertThatThrownBy(() -> store.putPendingWrites(THREAD, "", CheckpointId.of("cp-1"), writes))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll("pending writes", "cp-1", THREAD.value());
        assertThat(store.latest(THREAD, "").orElseThrow().pendingWrites()).isEmpty();
        assertThat(store.pendingWritePuts()).isEqualTo(1);
    }

    @Test
    void builderRejectsBadCounts() {
        var builder = FaultyCheckpointStore.builder(CheckpointStore.inMemory());

        assertThatThrownBy(() -> builder.failNthPut(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.failPutsAfter(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
