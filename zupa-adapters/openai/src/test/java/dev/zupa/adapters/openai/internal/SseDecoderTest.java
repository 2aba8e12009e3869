package dev.zupa.adapters.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class SseDecoderTest {
    private static List<SseEvent> decode(String... lines) {
        var decoder = new SseDecoder();
        var events = new ArrayList<SseEvent>();
        for (String line : lines) {
            decoder.line(line).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void blankLineDispatchesAndCommentsAreSkipped() {
        assertThat(decode(": ping", "data: {\"a\":1}", "", ": another", "data: [DONE]", ""))
                .containsExactly(new SseEvent("", "{\"a\":1}"), new SseEvent("", "[DONE]"));
    }

    @Test
    void joinsDataLinesWithNewlineAndStripsOneSpace() {
        assertThat(decode("data:  two spaces", "data:none", "data", ""))
                .containsExactly(new SseEvent("", " two spaces\nnone\n"));
    }

    @Test
    void extraBlankLinesDispatchNothingAndEventNamesReset() {
        assertThat(decode("", "", "event: error", "id: 7", "retry: 100", "data: x", "", "", "data: y", ""))
                .containsExactly(new SseEvent("error", "x"), new SseEvent("", "y"));
    }

    @Test
    void unfinishedEventAtTheEndIsNotDispatched() {
        assertThat(decode("data: partial")).isEmpty();
    }

    @Test
    void readerSplitsLinesOnCrLfCrAndLf() throws IOException {
        var source = new Buffer().writeUtf8("data: a\r\n\r\ndata: b\r\rdata: c\n\ndata: d");
        var reader = new SseReader(source);
        var events = new ArrayList<String>();
        for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
            events.add(event.get().data());
        }

        assertThat(events).containsExactly("a", "b", "c");
    }
}
