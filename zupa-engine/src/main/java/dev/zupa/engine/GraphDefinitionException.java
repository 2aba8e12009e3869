package dev.zupa.engine;

import dev.zupa.core.ZupaException;
import java.io.Serial;

/**
 * A graph cannot be built: an unknown node, a node no run can reach, no path to the end, an undeclared channel.
 * Thrown by {@code Graph.Builder.build()}; the message names the node or channel and the fix.
 *
 * @since 0.1
 */
public final class GraphDefinitionException extends ZupaException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong; never null
     */
    public GraphDefinitionException(String message) {
        super(message);
    }
}
