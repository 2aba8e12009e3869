package dev.zupa.core.json;

import dev.zupa.core.ZupaException;
import java.io.Serial;

/**
 * A value could not be turned into JSON or read back from it. The message names the value's type and, where the
 * caller knows it, what the value was for (a channel, a checkpoint).
 *
 * @since 0.1
 */
public final class JsonCodecException extends ZupaException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be encoded or decoded; never null
     * @param cause Jackson's failure; never null
     */
    public JsonCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
