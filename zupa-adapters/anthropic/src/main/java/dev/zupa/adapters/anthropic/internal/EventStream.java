package dev.zupa.adapters.anthropic.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import okio.BufferedSource;

/**
 * Reads the server-sent events of a {@code text/event-stream} body as its bytes arrive. Anthropic names every event
 * ({@code event: content_block_delta}) and sends one {@code data:} line of JSON; the reader still follows the general
 * rules, since proxies reframe streams: lines end in LF or CRLF, {@code :} lines are comments, one space after the
 * colon is dropped, several {@code data:} lines are joined with {@code \n}, a blank line ends the event, and other
 * fields are ignored. An event still open when the body ends is dropped. Not thread-safe: one per stream.
 */
public final class EventStream {
    private final BufferedSource source;

    /**
     * Reads from a body.
     *
     * @param source the response body; never null
     */
    public EventStream(BufferedSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Blocks until the next event is complete.
     *
     * @return the event, or empty when the body ended
     * @throws IOException when reading fails, including a connection dropped mid-body
     */
    public Optional<Event> next() throws IOException {
        String name = "";
        var data = new StringBuilder();
        boolean hasData = false;
        String line;
        // readUtf8Line splits on LF and drops a CR before it; it returns null only at the end of the body
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (hasData) {
                    return Optional.of(new Event(name, data.toString()));
                }
                name = "";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            if (field.equals("event")) {
                name = value;
            } else if (field.equals("data")) {
                data.append(hasData ? "\n" : "").append(value);
                hasData = true;
            }
        }
        return Optional.empty();
    }

    /**
     * One server-sent event.
     *
     * @param name the {@code event:} name, empty when the server gave none
     * @param data the {@code data:} lines joined with {@code \n}
     */
    public record Event(String name, String data) {
        /** Validates the components. */
        public Event {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }
    }
}
