package dev.zupa.adapters.openai.internal;

import java.util.Objects;

/**
 * One dispatched server-sent event.
 *
 * @param event the {@code event:} name, empty when the server gave none (chat completions never name events)
 * @param data the {@code data:} lines joined with {@code \n}
 */
public record SseEvent(String event, String data) {
    /** Validates the components. */
    public SseEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }
}
