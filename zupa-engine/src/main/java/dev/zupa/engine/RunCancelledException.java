package dev.zupa.engine;

import dev.zupa.core.ZupaException;
import java.io.Serial;

/**
 * The run's thread was interrupted (a closed stream, a shutdown); the thread keeps its last stored checkpoint and can
 * be resumed.
 *
 * @since 0.1
 */
public final class RunCancelledException extends ZupaException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was cancelled; never null
     */
    public RunCancelledException(String message) {
        super(message);
    }
}
