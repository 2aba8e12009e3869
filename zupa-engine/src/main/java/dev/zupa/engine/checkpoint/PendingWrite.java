package dev.zupa.engine.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * Something a task of an unfinished step left behind, stored against the checkpoint the step started from: the
 * result of a task that finished while a sibling failed, an interrupt a task raised, or a resume value given for it.
 * A resume of the step uses them so that only unfinished tasks run again.
 *
 * @param taskId the task; never null
 * @param kind what this is; never null
 * @param index the position among writes of one task and kind (resume values are numbered); zero or more
 * @param data the engine's encoding of it; never null
 * @since 0.1
 */
public record PendingWrite(String taskId, Kind kind, int index, byte[] data) {
    /** Validates the components. */
    public PendingWrite {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
    }

    /** What a pending write records. */
    public enum Kind {
        /** The writes and routing of a task that finished. */
        RESULT,
        /** An interrupt the task raised, with its payload. */
        INTERRUPT,
        /** A value given to resume the task's n-th interrupt. */
        RESUME
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PendingWrite w
                && taskId.equals(w.taskId)
                && kind == w.kind
                && index == w.index
                && Arrays.equals(data, w.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskId, kind, index, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "PendingWrite[" + taskId + ", " + kind + "#" + index + ", " + data.length + " bytes]";
    }
}
