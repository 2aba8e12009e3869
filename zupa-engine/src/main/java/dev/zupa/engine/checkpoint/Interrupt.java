package dev.zupa.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A pause waiting for outside input: raised by a node ({@link Kind#DYNAMIC}) or configured around a node
 * ({@link Kind#BEFORE}, {@link Kind#AFTER}).
 *
 * @param taskId the task that paused (the planned task for {@code BEFORE}, the finished one for {@code AFTER});
 *     never null
 * @param node the node; never null
 * @param kind why the run paused; never null
 * @param payload what the node asked, as JSON ({@code null} node for static interrupts); never null
 * @since 0.1
 */
public record Interrupt(String taskId, String node, Kind kind, JsonNode payload) {
    /** Validates the components. */
    public Interrupt {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
    }

    /** Why a run paused. */
    public enum Kind {
        /** A node called {@code NodeContext.interrupt(payload)}. */
        DYNAMIC,
        /** The graph pauses before this node runs. */
        BEFORE,
        /** The graph pauses after this node ran. */
        AFTER
    }
}
