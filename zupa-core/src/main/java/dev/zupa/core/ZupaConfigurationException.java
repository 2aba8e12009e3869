package dev.zupa.core;

import java.io.Serial;

/**
 * Bad configuration: a builder input that cannot work, a missing adapter, two providers with one name. The message
 * names the fix, for example the Maven artifact to add.
 *
 * @since 0.1
 */
public class ZupaConfigurationException extends ZupaException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it; never null
     */
    public ZupaConfigurationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong and how to fix it; never null
     * @param cause the underlying failure, may be null
     */
    public ZupaConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
