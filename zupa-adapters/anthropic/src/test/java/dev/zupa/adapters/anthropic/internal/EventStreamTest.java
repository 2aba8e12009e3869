package dev.zupa.adapters.anthropic.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class EventStreamTest {
    private static List<EventStream.Event> read(String body) throws IOException {
        var stream = new EventStream(new Buffer().writeUtf8(body));
        var events = new ArrayList<EventStream.Event>();
        for (var event = stream.next(); event.isPresent(); event = stream.next()) {
            events.add(event.get());
        }
        return events;
    }

    @Test
    void readsNamedEvents() throws IOException {
        assertThat(read("event: ping\ndata: {\"type\": \"ping\"}\n\nevent: message_stop\ndata: {}\n\n"))
                .containsExactly(
                        new EventStream.Event("ping", "{\"type\": \"ping\"}"),
                        new EventStream.Event("message_stop", "{}"));
    }

    @Test
    void followsTheGeneralFramingRules() throws IOException {
        assertThat(
                        read(
                                ": comment\r\n\r\nevent:delta\r\ndata: a\r\ndata:b\r\nid: 7\r\nretry: 10\r\n\r\n\n\ndata: c\n\n"))
                .containsExactly(new EventStream.Event("delta", "a\nb"), new EventStream.Event("", "c"));
    }

    @Test
    void anEventWithoutDataDispatchesNothingAndResetsTheName() throws IOException {
        assertThat(read("event: ignored\n\ndata: x\n\n")).containsExactly(new EventStream.Event("", "x"));
    }

    @Test
    void anEventLeftOpenAtTheEndOfTheBodyIsDropped() throws IOException {
        assertThat(read("event: message_stop\ndata: {}\n\nevent: message_delta\ndata: {\"cut"))
                .containsExactly(new EventStream.Event("message_stop", "{}"));
    }
}
