package dev.zupa.engine;

import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.Interrupt;
import dev.zupa.engine.checkpoint.PlannedTask;
import java.util.List;
import java.util.Objects;

/**
 * A thread's state at one checkpoint: the values, what runs next and what the run is waiting for.
 *
 * @param checkpoint the checkpoint (id, parent, step, versions, metadata); never null
 * @param values the channel values; never null
 * @param next the tasks the next step runs; empty when the run is finished; never null
 * @param interrupts what the run waits for (static and dynamic interrupts); never null
 * @since 0.1
 */
public record StateSnapshot(Checkpoint checkpoint, State values, List<PlannedTask> next, List<Interrupt> interrupts) {
    /** Validates the components. */
    public StateSnapshot {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(values, "values");
        next = List.copyOf(next);
        interrupts = List.copyOf(interrupts);
    }

    /**
     * Whether the run at this checkpoint has finished (nothing left to run).
     *
     * @return true when there are no next tasks
     */
    public boolean finished() {
        return next.isEmpty();
    }
}
