package dev.zupa.engine.checkpoint;

import dev.zupa.core.ZupaException;
import java.io.Serial;

/**
 * A checkpoint store failed: I/O, a closed store, or rows that cannot be read. The message names the thread and
 * checkpoint involved.
 *
 * @since 0.1
 */
public class CheckpointStoreException extends ZupaException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming thread and checkpoint; never null
     */
    public CheckpointStoreException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what failed, naming thread and checkpoint; never null
     * @param cause the underlying failure, may be null
     */
    public CheckpointStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
