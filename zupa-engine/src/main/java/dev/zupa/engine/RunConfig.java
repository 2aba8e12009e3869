package dev.zupa.engine;

import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.event.RunListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a graph once: on which thread, from which checkpoint, with which limits and listeners.
 *
 * @param threadId the thread; never null
 * @param checkpointId run from this checkpoint instead of the latest (a fork: the new checkpoints become its
 *     children, history is never rewritten); never null
 * @param stepLimit the most super-steps this run may take, at least 1 (default 25)
 * @param durability when checkpoints reach the store; never null
 * @param listeners receive every event of the run, on the thread that produced it; never null
 * @param metadata stored in every checkpoint this run writes (a correlation id, for instance); never null
 * @param recordDecisions whether the run records its decisions in the store's ledger: the nodes each step ran and
 *     the ones its edges chose next ({@code graph.steps}, stored with the checkpoint), interrupts, failures and
 *     resumes ({@code graph.interrupted}, {@code graph.failed}, {@code graph.resumed}); only for stores that keep a
 *     ledger
 * @since 0.1
 */
public record RunConfig(
        ThreadId threadId,
        Optional<CheckpointId> checkpointId,
        int stepLimit,
        Durability durability,
        List<RunListener> listeners,
        Map<String, String> metadata,
        boolean recordDecisions) {

    /** The default step limit. */
    public static final int DEFAULT_STEP_LIMIT = 25;

    /** Validates the components and copies collections. */
    public RunConfig {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(durability, "durability");
        if (stepLimit < 1) {
            throw new IllegalArgumentException("stepLimit must be at least 1, was " + stepLimit);
        }
        listeners = List.copyOf(listeners);
        metadata = Map.copyOf(metadata);
    }

    /**
     * The defaults for a thread: latest checkpoint, 25 steps, {@link Durability#SYNC}, no listeners.
     *
     * @param threadId the thread id; never null or blank
     * @return the config; never null
     */
    public static RunConfig forThread(String threadId) {
        return forThread(ThreadId.of(threadId));
    }

    /**
     * The defaults for a thread.
     *
     * @param threadId the thread id; never null
     * @return the config; never null
     */
    public static RunConfig forThread(ThreadId threadId) {
        return new RunConfig(
                threadId, Optional.empty(), DEFAULT_STEP_LIMIT, Durability.SYNC, List.of(), Map.of(), false);
    }

    /**
     * A copy that runs from a given checkpoint (fork / time travel).
     *
     * @param id the checkpoint; never null
     * @return the new config; never null
     */
    public RunConfig fromCheckpoint(CheckpointId id) {
        return new RunConfig(threadId, Optional.of(id), stepLimit, durability, listeners, metadata, recordDecisions);
    }

    /**
     * A copy with another step limit.
     *
     * @param limit the most super-steps, at least 1
     * @return the new config; never null
     */
    public RunConfig stepLimit(int limit) {
        return new RunConfig(threadId, checkpointId, limit, durability, listeners, metadata, recordDecisions);
    }

    /**
     * A copy with another durability mode.
     *
     * @param mode the mode; never null
     * @return the new config; never null
     */
    public RunConfig durability(Durability mode) {
        return new RunConfig(threadId, checkpointId, stepLimit, mode, listeners, metadata, recordDecisions);
    }

    /**
     * A copy with one more listener.
     *
     * @param listener the listener; never null
     * @return the new config; never null
     */
    public RunConfig listener(RunListener listener) {
        var all = new ArrayList<>(listeners);
        all.add(Objects.requireNonNull(listener, "listener"));
        return new RunConfig(threadId, checkpointId, stepLimit, durability, all, metadata, recordDecisions);
    }

    /**
     * A copy with one more metadata entry.
     *
     * @param key the key; never null
     * @param value the value; never null
     * @return the new config; never null
     */
    public RunConfig metadata(String key, String value) {
        var all = new java.util.HashMap<>(metadata);
        all.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new RunConfig(threadId, checkpointId, stepLimit, durability, listeners, all, recordDecisions);
    }

    /**
     * A copy that records the run's decisions in the ledger, or does not.
     *
     * @param record true to record
     * @return the new config; never null
     */
    public RunConfig recordDecisions(boolean record) {
        return new RunConfig(threadId, checkpointId, stepLimit, durability, listeners, metadata, record);
    }
}
