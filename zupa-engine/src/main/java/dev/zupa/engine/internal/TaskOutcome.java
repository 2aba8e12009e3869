package dev.zupa.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.engine.checkpoint.PlannedTask;

/** How one task of a step ended. */
sealed interface TaskOutcome {
    PlannedTask task();

    /** Ran to the end now. */
    record Succeeded(PlannedTask task, TaskResult result) implements TaskOutcome {}

    /** Had finished before (a stored pending write); not run again. */
    record Reused(PlannedTask task, TaskResult result) implements TaskOutcome {}

    /** Paused the run at its {@code index}-th interrupt call. */
    record Interrupted(PlannedTask task, int index, JsonNode payload) implements TaskOutcome {}

    /** Failed on its last attempt. */
    record Failed(PlannedTask task, Throwable error, int attempts) implements TaskOutcome {}
}
