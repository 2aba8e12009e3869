package dev.zupa.runtime.tool;

/**
 * What a tool does when the model calls it.
 *
 * <p>The handler runs on its own virtual thread. When the tool's timeout passes, that thread is interrupted and the
 * result is discarded, so a handler doing long work should let {@link InterruptedException} propagate or check
 * {@link Thread#isInterrupted()}. Handlers of different calls may run concurrently, so a handler shared between
 * tools or sessions must be thread-safe.
 *
 * @param <A> the record type of the arguments
 * @since 0.1
 */
@FunctionalInterface
public interface ToolHandler<A> {

    /**
     * Runs the tool.
     *
     * @param arguments the arguments the model sent, already checked against the record's constraints; never null
     * @param context the user, session and session store of the turn; never null
     * @return the result for the model to read, often JSON or a short sentence; never null
     * @throws Exception any failure; the model is told the tool failed, with the exception's message, and the turn
     *     goes on
     */
    String handle(A arguments, ToolContext context) throws Exception;
}
