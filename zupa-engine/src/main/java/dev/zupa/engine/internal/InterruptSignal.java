package dev.zupa.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serial;

/**
 * Unwinds a node that called {@code interrupt}. An {@link Error}, not an exception, so that a node's
 * {@code catch (Exception e)} does not swallow it; the context also remembers the call, so a swallowed signal still
 * pauses the run.
 */
final class InterruptSignal extends Error {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int index;
    private final transient JsonNode payload;

    InterruptSignal(int index, JsonNode payload) {
        super("node interrupted (this signal is handled by the engine; do not catch it)", null, false, false);
        this.index = index;
        this.payload = payload;
    }

    int index() {
        return index;
    }

    JsonNode payload() {
        return payload;
    }
}
