package dev.zupa.adapters.openai.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * Turns the lines of a {@code text/event-stream} body into events, following the rules of the HTML living standard
 * as OpenAI's own SDK applies them: lines starting with {@code :} are comments, one space after {@code field:} is
 * dropped, several {@code data:} lines of one event are joined with {@code \n}, and a blank line dispatches the event
 * (a blank line with no data dispatches nothing). {@code id:} and {@code retry:} are read and ignored; unknown fields
 * are ignored.
 *
 * <p>The caller splits the body into lines (CR, LF or CRLF terminated) and feeds them in order. An event still open
 * when the body ends is never dispatched, as the standard says. Not thread-safe: one decoder per stream.
 */
public final class SseDecoder {
    private final StringBuilder data = new StringBuilder();
    private String event = "";
    private boolean hasData;

    /**
     * Feeds one line, without its terminator.
     *
     * @param line the line; never null
     * @return the event this line completed, if it was a blank line closing one
     */
    public Optional<SseEvent> line(String line) {
        Objects.requireNonNull(line, "line");
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> event = value;
            default -> {
                // id, retry and unknown fields carry nothing a chat stream needs
            }
        }
        return Optional.empty();
    }

    private Optional<SseEvent> dispatch() {
        if (!hasData) {
            event = "";
            return Optional.empty();
        }
        var result = new SseEvent(event, data.toString());
        data.setLength(0);
        event = "";
        hasData = false;
        return Optional.of(result);
    }
}
