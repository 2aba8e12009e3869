package dev.zupa.runtime.management.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.zupa.core.json.JsonCodec;
import dev.zupa.runtime.AgentEvent;
import java.io.UncheckedIOException;

/** The management API's JSON: Zupa's mapper, with durations as ISO-8601 text ({@code PT1.5S}) rather than numbers. */
final class Json {
    static final ObjectMapper MAPPER =
            JsonCodec.defaults().mapper().copy().disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private Json() {}

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ledger payload as JSON when it is JSON, else as the text it is. */
    static JsonNode payload(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    /**
     * An event as one line of JSON: its fields plus {@code type} (the event's simple name, such as
     * {@code TurnCompleted}), {@code agent}, and {@code transportEvent} for a transport's connection event.
     */
    static String event(String agent, AgentEvent event) {
        ObjectNode node = MAPPER.valueToTree(event);
        node.put("type", event.getClass().getSimpleName());
        node.put("agent", agent);
        if (event instanceof AgentEvent.Transport transport) {
            node.put("transportEvent", transport.event().getClass().getSimpleName());
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
