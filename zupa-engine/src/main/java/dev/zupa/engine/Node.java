package dev.zupa.engine;

/**
 * The work of one graph node. A node reads the state as it was at the start of the step ({@link NodeContext#state()})
 * and records writes, routing and events on its context; it never mutates shared state. Anything it throws fails
 * the task (and, once its retry policy is exhausted, the run).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Node {
    /**
     * Runs the node once. May be called again for the same step after a failure, a crash or an interrupt, so side
     * effects should be idempotent or guarded.
     *
     * @param context the task's context; never null
     * @throws Exception to fail the task
     */
    void run(NodeContext context) throws Exception;
}
