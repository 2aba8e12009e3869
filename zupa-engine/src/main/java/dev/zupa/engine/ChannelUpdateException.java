package dev.zupa.engine;

import dev.zupa.core.ZupaException;
import java.io.Serial;

/**
 * The writes of a step cannot be merged: two writers to a last-value channel, the removal of an unknown message,
 * a reducer that threw. Nothing of the step is committed.
 *
 * @since 0.1
 */
public final class ChannelUpdateException extends ZupaException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what conflicted, naming the channel and the nodes; never null
     */
    public ChannelUpdateException(String message) {
        super(message);
    }
}
