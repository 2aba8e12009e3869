package dev.zupa.runtime.internal.tool;

import java.time.Duration;
import java.util.Objects;

/**
 * What one tool call came to. Every outcome, failures included, carries a result for the model to read, so the turn
 * goes on.
 *
 * @param callId the id of the model's call, for the tool message that answers it; never null
 * @param toolName the tool the model asked for, known or not; never null
 * @param arguments the arguments as the model sent them; never null
 * @param result the text for the model: the tool's result, or an error starting with {@code "error: "}; never null
 * @param status how the call ended; never null
 * @param took how long the call took, reading the arguments included; never null
 */
public record ToolOutcome(
        String callId, String toolName, String arguments, String result, Status status, Duration took) {

    /** Validates the components. */
    public ToolOutcome {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(took, "took");
    }

    /**
     * Whether the tool ran and returned a result.
     *
     * @return true for {@link Status#SUCCEEDED}
     */
    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /** How a tool call ended. */
    public enum Status {
        /** The tool returned a result. */
        SUCCEEDED,
        /** The model asked for a tool that does not exist. */
        UNKNOWN_TOOL,
        /** The arguments were malformed or broke the record's constraints; the tool did not run. */
        INVALID_ARGUMENTS,
        /** The handler or one of its hooks threw. */
        FAILED,
        /** The call took longer than its timeout and was interrupted. */
        TIMED_OUT
    }
}
