package dev.zupa.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointSource;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import dev.zupa.engine.checkpoint.PendingWrite;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The counting wrapper passes the contract (it changes nothing) and counts what it passed on. */
class CountingCheckpointStoreTest extends CheckpointStoreContract {
    static final ThreadId THREAD = ThreadId.of("t");

    @Override
    protected CheckpointStore createStore() {
        return CountingCheckpointStore.of(CheckpointStore.inMemory());
    }

    static Checkpoint checkpoint(String id, Map<String, String> versions) {
        return new Checkpoint(
                CheckpointId.of(id),
                THREAD,
                "",
                Optional.empty(),
                0,
                Instant.EPOCH,
                CheckpointSource.INPUT,
                versions,
                Map.of(),
                List.of(),
                List.of(),
                Map.of());
    }

    static ChannelBlob blob(String version, int size) {
        return new ChannelBlob("c", version, ChannelBlob.Kind.FULL, Optional.empty(), new byte[size]);
    }

    @Test
    void countsPutsBlobBytesCheckpointBytesAndPendingWrites() {
        var counting = CountingCheckpointStore.of(CheckpointStore.inMemory());
        var first = checkpoint("cp-1", Map.of("c", "v1"));
        var second = checkpoint("cp-2", Map.of("c", "v2"));

        counting.put(first, List.of(blob("v1", 100)));
        counting.put(second, List.of(blob("v2", 20)));
        counting.putPendingWrites(
                THREAD,
                "",
                first.id(),
                List.of(new PendingWrite("t", PendingWrite.Kind.RESULT, 0, "abc".getBytes(UTF_8))));
        counting.latest(THREAD, "");

        long checkpointBytes = CountingCheckpointStore.encodedSize(first) + CountingCheckpointStore.encodedSize(second);
        assertThat(counting.puts()).isEqualTo(2);
        assertThat(counting.blobs()).isEqualTo(2);
        assertThat(counting.blobBytes()).isEqualTo(120);
        assertThat(checkpointBytes).isGreaterThan(100);
        assertThat(counting.checkpointBytes()).isEqualTo(checkpointBytes);
        assertThat(counting.pendingWritePuts()).isEqualTo(1);
        assertThat(counting.pendingWriteBytes()).isEqualTo(3);
        assertThat(counting.bytesWritten()).isEqualTo(120 + checkpointBytes + 3);
        assertThat(counting.reads()).isEqualTo(1);

        counting.reset();

        assertThat(counting.bytesWritten()).isZero();
        assertThat(counting.puts()).isZero();
        assertThat(counting.reads()).isZero();
    }

    @Test
    void failedCallsAreNotCounted() {
        var counting = CountingCheckpointStore.of(CheckpointStore.inMemory());

        assertThatThrownBy(() -> counting.putPendingWrites(THREAD, "", CheckpointId.of("missing"), List.of()))
                .isInstanceOf(CheckpointStoreException.class);

        assertThat(counting.pendingWritePuts()).isZero();
    }
}
