package dev.zupa.engine;

import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.Interrupt;
import java.util.List;
import java.util.Objects;

/**
 * How a run ended, when it did not fail. A failure is thrown ({@link NodeExecutionException},
 * {@link StepLimitExceededException}, …).
 *
 * <p>This set is closed; a new variant would break exhaustive switches, and will not be added lightly.
 *
 * @since 0.1
 */
public sealed interface RunOutcome permits RunOutcome.Completed, RunOutcome.Interrupted {

    /**
     * The state when the run ended.
     *
     * @return the state; never null
     */
    State state();

    /**
     * The last checkpoint of the run (for {@link Durability#EXIT}, the only one).
     *
     * @return the checkpoint id; never null
     */
    CheckpointId checkpointId();

    /**
     * The run reached the end: no task is left.
     *
     * @param state the final state; never null
     * @param checkpointId the final checkpoint; never null
     * @param steps the super-steps this run took
     */
    record Completed(State state, CheckpointId checkpointId, int steps) implements RunOutcome {
        /** Validates the components. */
        public Completed {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(checkpointId, "checkpointId");
        }
    }

    /**
     * The run paused, waiting for input; resume it with {@code Graph.resume}.
     *
     * @param state the state at the pause; never null
     * @param checkpointId the checkpoint the pause is stored against; never null
     * @param interrupts what the run waits for; never empty
     */
    record Interrupted(State state, CheckpointId checkpointId, List<Interrupt> interrupts) implements RunOutcome {
        /** Validates the components. */
        public Interrupted {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(checkpointId, "checkpointId");
            interrupts = List.copyOf(interrupts);
        }
    }
}
