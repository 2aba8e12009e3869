package dev.zupa.runtime.tool;

/**
 * Runs after a tool's handler returned a result. It may return another result for the model, for instance to
 * shorten it or strip private data. It does not run when the handler failed or timed out.
 *
 * <p>The hook runs on the handler's thread and counts towards the tool's timeout.
 *
 * @param <A> the record type of the arguments
 * @since 0.1
 */
@FunctionalInterface
public interface AfterHook<A> {

    /**
     * Inspects or replaces the result.
     *
     * @param arguments the arguments the handler was called with; never null
     * @param result the handler's result; never null
     * @param context the turn's context; never null
     * @return the result for the model, {@code result} itself to keep it; never null
     * @throws Exception to fail the call; the model reads the exception's message
     */
    String after(A arguments, String result, ToolContext context) throws Exception;
}
