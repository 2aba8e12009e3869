package dev.zupa.adapters.openai.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Reads server-sent events from a body as its bytes arrive: splits lines on CR, LF or CRLF (an event may be cut
 * anywhere across network reads) and hands them to an {@link SseDecoder}. Not thread-safe.
 */
public final class SseReader {
    private static final ByteString TERMINATORS = ByteString.encodeUtf8("\r\n");

    private final BufferedSource source;
    private final SseDecoder decoder = new SseDecoder();

    /**
     * Reads from a source.
     *
     * @param source the response body; never null
     */
    public SseReader(BufferedSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Blocks until the next event is complete.
     *
     * @return the event, or empty when the body ended (an unfinished event at the end is dropped)
     * @throws IOException when reading fails
     */
    public Optional<SseEvent> next() throws IOException {
        String line;
        while ((line = readLine()) != null) {
            var event = decoder.line(line);
            if (event.isPresent()) {
                return event;
            }
        }
        return Optional.empty();
    }

    private @Nullable String readLine() throws IOException {
        long end = source.indexOfElement(TERMINATORS);
        if (end < 0) {
            // no terminator before the end of the body: what is left is a last, unterminated line
            return source.exhausted() ? null : source.readUtf8();
        }
        String line = source.readUtf8(end);
        byte terminator = source.readByte();
        if (terminator == '\r' && source.request(1) && source.getBuffer().getByte(0) == '\n') {
            source.skip(1);
        }
        return line;
    }
}
