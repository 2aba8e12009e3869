package dev.zupa.engine;

import dev.zupa.core.ZupaException;
import java.io.Serial;

/**
 * A node failed after its retry policy was exhausted. The run stopped; the step's finished tasks were saved as
 * pending writes, so resuming the thread runs only the failed task(s) again.
 *
 * @since 0.1
 */
public final class NodeExecutionException extends ZupaException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The failed node. */
    private final String node;
    /** The failed task. */
    private final String taskId;
    /** The step it failed in. */
    private final long step;

    private final transient ThreadId threadId;

    /**
     * Creates the exception.
     *
     * @param threadId the thread; never null
     * @param node the node; never null
     * @param taskId the task; never null
     * @param step the super-step
     * @param attempts how many attempts were made
     * @param cause what the node threw; never null
     */
    public NodeExecutionException(
            ThreadId threadId, String node, String taskId, long step, int attempts, Throwable cause) {
        super(
                "node '" + node + "' failed in step " + step + " of thread " + threadId + " after " + attempts
                        + (attempts == 1 ? " attempt: " : " attempts: ") + cause,
                cause);
        this.threadId = threadId;
        this.node = node;
        this.taskId = taskId;
        this.step = step;
    }

    /**
     * The failed node.
     *
     * @return the node name; never null
     */
    public String node() {
        return node;
    }

    /**
     * The failed task.
     *
     * @return the task id; never null
     */
    public String taskId() {
        return taskId;
    }

    /**
     * The step it failed in.
     *
     * @return the step
     */
    public long step() {
        return step;
    }

    /**
     * The thread.
     *
     * @return the thread id; never null
     */
    public ThreadId threadId() {
        return threadId;
    }
}
