package dev.zupa.engine;

import dev.zupa.core.ZupaException;
import java.io.Serial;

/**
 * A thread is not in a state that allows the call: resuming a thread that has no checkpoint or has finished,
 * starting a new run on a thread whose last run is unfinished, reading an unknown checkpoint.
 *
 * @since 0.1
 */
public final class ThreadStateException extends ZupaException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the thread's state is and what to do; never null
     */
    public ThreadStateException(String message) {
        super(message);
    }
}
