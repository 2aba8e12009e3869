package dev.zupa.engine;

import dev.zupa.core.ZupaException;
import java.io.Serial;
import java.util.List;

/**
 * A run took as many super-steps as its limit allows and still had tasks to run. Exactly {@code limit} steps ran;
 * the last checkpoint keeps the pending tasks, so the thread can be resumed with a higher limit.
 *
 * @since 0.1
 */
public final class StepLimitExceededException extends ZupaException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The limit that was reached. */
    private final int limit;

    /**
     * Creates the exception.
     *
     * @param threadId the thread; never null
     * @param limit the limit reached
     * @param pending the nodes that were still to run; never null
     */
    public StepLimitExceededException(ThreadId threadId, int limit, List<String> pending) {
        super("thread " + threadId + " reached its step limit of " + limit + " with " + pending
                + " still to run; raise RunConfig.stepLimit or check the graph for a loop");
        this.limit = limit;
    }

    /**
     * The limit that was reached.
     *
     * @return the step limit
     */
    public int limit() {
        return limit;
    }
}
