package dev.zupa.runtime.prompt;

import java.util.Map;

/**
 * Supplies the application's own variables for the prompt of a turn (loyalty points, recent orders, …).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ContextFunction {

    /**
     * The variables for this turn.
     *
     * @param context the user, session and values; never null
     * @return variables by name; never null
     * @throws Exception when they cannot be loaded; the turn fails and the user gets the fallback reply
     */
    Map<String, Object> variables(PromptContext context) throws Exception;
}
