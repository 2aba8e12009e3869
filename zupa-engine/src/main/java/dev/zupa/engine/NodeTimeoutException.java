package dev.zupa.engine;

import dev.zupa.core.ZupaException;
import java.io.Serial;
import java.time.Duration;

/**
 * One attempt of a node ran longer than its timeout and was interrupted.
 *
 * @since 0.1
 */
public final class NodeTimeoutException extends ZupaException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param node the node; never null
     * @param timeout the limit it exceeded; never null
     */
    public NodeTimeoutException(String node, Duration timeout) {
        super("node '" + node + "' did not finish within " + timeout);
    }
}
