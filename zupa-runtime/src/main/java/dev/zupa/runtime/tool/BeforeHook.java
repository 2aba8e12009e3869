package dev.zupa.runtime.tool;

/**
 * Runs before a tool's handler, after the model's arguments were read and checked. It may return other arguments
 * for the handler, for instance to fill in a value from the session, or throw to refuse the call.
 *
 * <p>The hook runs on the handler's thread and counts towards the tool's timeout.
 *
 * @param <A> the record type of the arguments
 * @since 0.1
 */
@FunctionalInterface
public interface BeforeHook<A> {

    /**
     * Inspects or replaces the arguments.
     *
     * @param arguments the checked arguments from the model; never null
     * @param context the turn's context; never null
     * @return the arguments to call the handler with, {@code arguments} itself to keep them; never null
     * @throws Exception to fail the call; the model reads the exception's message
     */
    A before(A arguments, ToolContext context) throws Exception;
}
