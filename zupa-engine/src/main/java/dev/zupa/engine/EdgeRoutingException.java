package dev.zupa.engine;

import dev.zupa.core.ZupaException;
import java.io.Serial;

/**
 * A conditional edge failed: its routing function threw, or returned a node it did not declare. Nothing of the step
 * is committed.
 *
 * @since 0.1
 */
public final class EdgeRoutingException extends ZupaException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the source node; never null
     * @param cause the routing function's failure, may be null
     */
    public EdgeRoutingException(String message, Throwable cause) {
        super(message, cause);
    }
}
