package dev.zupa.engine.checkpoint;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A checkpoint as a store returns it: the checkpoint, for each channel in its {@code channelVersions} the chain of
 * blobs that make up the value (oldest first: a {@code FULL} blob or the first delta, then every later delta up to
 * the version), and the pending writes stored against it.
 *
 * @param checkpoint the checkpoint; never null
 * @param channels per channel, its blob chain, oldest first; never null
 * @param pendingWrites the pending writes against this checkpoint, in task id, kind, index order; never null
 * @since 0.1
 */
public record StoredCheckpoint(
        Checkpoint checkpoint, Map<String, List<ChannelBlob>> channels, List<PendingWrite> pendingWrites) {
    /** Validates the components and makes defensive copies. */
    public StoredCheckpoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        channels = Map.copyOf(channels);
        pendingWrites = List.copyOf(pendingWrites);
    }
}
