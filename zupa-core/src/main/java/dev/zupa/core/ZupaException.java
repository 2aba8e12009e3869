package dev.zupa.core;

import java.io.Serial;

/**
 * Root of every exception Zupa throws on purpose.
 *
 * <p>Unchecked, and deliberately not sealed: adapters in other modules add their own subclasses. Programmer errors
 * (a null argument, an illegal value) stay plain JDK exceptions.
 *
 * @since 0.1
 */
public class ZupaException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and, where possible, how to fix it; never null
     */
    public ZupaException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong; never null
     * @param cause the underlying failure, may be null
     */
    public ZupaException(String message, Throwable cause) {
        super(message, cause);
    }
}
