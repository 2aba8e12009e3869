package dev.zupa.engine.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A task the next super-step will run: a node, and for a {@code Send} its argument. The id is derived from the
 * checkpoint the step starts from, so a step that is run again after a crash has the same task ids and finds the
 * pending writes of the tasks that had already finished.
 *
 * @param id the task id; never null
 * @param node the node to run; never null
 * @param argument the {@code Send} argument as JSON, or empty for an edge-triggered task; never null
 * @since 0.1
 */
public record PlannedTask(
        String id,
        String node,
        // omitted when empty: Jackson would write null and read it back as a present NullNode
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<JsonNode> argument) {
    /** Validates the components. */
    public PlannedTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(argument, "argument");
        // a JSON null is no argument: Send never carries null, and Jackson reads an absent Optional<JsonNode> as
        // a present NullNode
        argument = argument.filter(a -> !a.isNull());
    }
}
