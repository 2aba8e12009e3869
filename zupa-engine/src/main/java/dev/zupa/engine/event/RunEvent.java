package dev.zupa.engine.event;

import dev.zupa.engine.RunOutcome;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.Interrupt;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened in a run, in the order it happened. Every event names its thread and namespace ("" for a
 * root graph, the subgraph path otherwise).
 *
 * <p>New event types may be added in minor releases; a switch over them should keep a default branch.
 *
 * @since 0.1
 */
public sealed interface RunEvent {
    /**
     * The thread.
     *
     * @return the thread id; never null
     */
    ThreadId threadId();

    /**
     * The namespace.
     *
     * @return "" for a root graph; never null
     */
    String namespace();

    /**
     * A super-step begins.
     *
     * @param threadId the thread
     * @param namespace the namespace
     * @param step the step number
     * @param nodes the nodes of its tasks, in task order
     */
    record StepStarted(ThreadId threadId, String namespace, long step, List<String> nodes) implements RunEvent {
        /** Copies the list. */
        public StepStarted {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * A super-step's writes were merged and its checkpoint made.
     *
     * @param threadId the thread
     * @param namespace the namespace
     * @param step the step number
     * @param checkpointId the checkpoint of the step
     * @param updatedChannels the channels whose value changed
     */
    record StepFinished(
            ThreadId threadId, String namespace, long step, CheckpointId checkpointId, List<String> updatedChannels)
            implements RunEvent {
        /** Copies the list. */
        public StepFinished {
            updatedChannels = List.copyOf(updatedChannels);
        }
    }

    /**
     * A task starts an attempt.
     *
     * @param threadId the thread
     * @param namespace the namespace
     * @param step the step
     * @param node the node
     * @param taskId the task
     * @param attempt the attempt, from 1
     */
    record NodeStarted(ThreadId threadId, String namespace, long step, String node, String taskId, int attempt)
            implements RunEvent {}

    /**
     * A task ended, one way or another.
     *
     * @param threadId the thread
     * @param namespace the namespace
     * @param step the step
     * @param node the node
     * @param taskId the task
     * @param duration how long it ran, all attempts included
     * @param outcome how it ended
     * @param error the failure's description, empty unless it failed
     */
    record NodeFinished(
            ThreadId threadId,
            String namespace,
            long step,
            String node,
            String taskId,
            Duration duration,
            Outcome outcome,
            String error)
            implements RunEvent {
        /** Validates the components. */
        public NodeFinished {
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * What a finished task wrote: emitted once for every task that succeeds, just before its {@link NodeFinished}.
     *
     * @param threadId the thread
     * @param namespace the namespace
     * @param step the step
     * @param node the node
     * @param taskId the task
     * @param writes per channel, the updates in the order written
     */
    record Writes(
            ThreadId threadId,
            String namespace,
            long step,
            String node,
            String taskId,
            Map<String, List<Object>> writes)
            implements RunEvent {
        /** Copies the map. */
        public Writes {
            writes = Map.copyOf(writes);
        }
    }

    /**
     * An event a node emitted with {@code NodeContext.emit}.
     *
     * @param threadId the thread
     * @param namespace the namespace
     * @param step the step
     * @param node the node
     * @param name the event name
     * @param payload the payload
     */
    record Custom(ThreadId threadId, String namespace, long step, String node, String name, Object payload)
            implements RunEvent {}

    /**
     * The run paused.
     *
     * @param threadId the thread
     * @param namespace the namespace
     * @param interrupts what it waits for
     */
    record Interrupted(ThreadId threadId, String namespace, List<Interrupt> interrupts) implements RunEvent {
        /** Copies the list. */
        public Interrupted {
            interrupts = List.copyOf(interrupts);
        }
    }

    /**
     * The run ended without failing.
     *
     * @param threadId the thread
     * @param namespace the namespace
     * @param outcome how it ended
     */
    record RunFinished(ThreadId threadId, String namespace, RunOutcome outcome) implements RunEvent {}

    /**
     * The run failed.
     *
     * @param threadId the thread
     * @param namespace the namespace
     * @param error the failure
     */
    record RunFailed(ThreadId threadId, String namespace, Throwable error) implements RunEvent {}

    /** How a task ended. */
    enum Outcome {
        /** It finished; its writes are part of the step. */
        SUCCEEDED,
        /** It failed after its last attempt. */
        FAILED,
        /** It paused the run. */
        INTERRUPTED,
        /** It had finished before a crash or an interrupt; its stored writes were used, it did not run again. */
        REUSED
    }
}
