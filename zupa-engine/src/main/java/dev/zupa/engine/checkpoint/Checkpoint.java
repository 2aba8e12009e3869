package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored point of a thread's history: everything but the channel values, which are stored as
 * {@link ChannelBlob}s so that a checkpoint costs what changed, not the size of the state.
 *
 * <p>Checkpoints are immutable; history is a tree (a fork or an update adds a child, never rewrites).
 *
 * @param id this checkpoint's id; never null
 * @param threadId the thread; never null
 * @param namespace "" for a root graph, the subgraph path otherwise; never null
 * @param parentId the checkpoint this one follows, empty for the first; never null
 * @param step the super-step number: 0 for the input checkpoint of a thread's first run, then +1 per checkpoint
 * @param createdAt when it was made, by the run's clock; never null
 * @param source what made it; never null
 * @param channelVersions the current version of every channel that has a value; never null
 * @param versionsSeen per node, the trigger-channel versions it had consumed when it last ran; never null
 * @param nextTasks the tasks the next step runs; empty when the run is finished; never null
 * @param interrupts static interrupts that paused the run here (dynamic ones are pending writes); never null
 * @param metadata free text metadata (run id, writer node, correlation id); never null
 * @since 0.1
 */
public record Checkpoint(
        CheckpointId id,
        ThreadId threadId,
        String namespace,
        Optional<CheckpointId> parentId,
        long step,
        Instant createdAt,
        CheckpointSource source,
        Map<String, String> channelVersions,
        Map<String, Map<String, String>> versionsSeen,
        List<PlannedTask> nextTasks,
        List<Interrupt> interrupts,
        Map<String, String> metadata) {

    /** Validates the components and makes defensive copies. */
    public Checkpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(source, "source");
        channelVersions = Map.copyOf(channelVersions);
        versionsSeen = Map.copyOf(versionsSeen);
        nextTasks = List.copyOf(nextTasks);
        interrupts = List.copyOf(interrupts);
        metadata = Map.copyOf(metadata);
    }
}
