package dev.zupa.adapters.anthropic.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.provider.ProviderException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Folds the events of one streamed exchange into a {@link Turn}: {@code message_start} (model, input usage), {@code
 * content_block_start}/{@code _delta}/{@code _stop} per {@code index}, {@code message_delta} (stop reason, cumulative
 * usage) and {@code message_stop}. Text deltas are handed back as they come; {@code input_json_delta} fragments are
 * joined per block and parsed only when the stream is complete, since a fragment may end anywhere, mid-key or
 * mid-escape. {@code ping} and event types this reader does not know are ignored, as the API's versioning policy asks;
 * an {@code error} event fails the call. Not thread-safe: one per exchange.
 */
public final class StreamAssembler {
    private final ErrorMapper errors;
    private final @Nullable String requestId;
    private final Map<Integer, Block> blocks = new TreeMap<>();
    private @Nullable String model;
    private @Nullable String stopReason;
    private TokenUsage usage = TokenUsage.none();
    private boolean stopped;

    /**
     * Starts an exchange.
     *
     * @param errors builds the exceptions; never null
     * @param requestId the {@code request-id} header, if any
     */
    public StreamAssembler(ErrorMapper errors, @Nullable String requestId) {
        this.errors = Objects.requireNonNull(errors, "errors");
        this.requestId = requestId;
    }

    /**
     * Takes one event.
     *
     * @param event the event; never null
     * @return the text delta it carried, if any (never empty when present)
     * @throws ProviderException when the event is an {@code error} or its data is not a JSON object
     */
    public Optional<String> accept(EventStream.Event event) {
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(event.data());
        } catch (JsonProcessingException e) {
            throw errors.invalidResponse("a stream event is not JSON", requestId, e);
        }
        if (data == null || !data.isObject()) {
            throw errors.invalidResponse("a stream event is not a JSON object", requestId, null);
        }
        String type = event.name().isEmpty() ? data.path("type").asText() : event.name();
        switch (type) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                model = Json.text(message, "model");
                usage = Turn.usage(message.get("usage"), usage);
            }
            case "content_block_start" -> blocks.put(index(data), new Block(data.path("content_block")));
            case "content_block_delta" -> {
                return delta(index(data), data.path("delta"));
            }
            case "message_delta" -> {
                String reason = Json.text(data.path("delta"), "stop_reason");
                stopReason = reason != null ? reason : stopReason;
                usage = Turn.usage(data.get("usage"), usage);
            }
            case "message_stop" -> stopped = true;
            case "error" -> throw errors.fromStreamError(data, requestId);
            default -> {
                // ping, content_block_stop and event types added after this reader was written
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code message_stop} has arrived.
     *
     * @return true once the exchange is complete
     */
    public boolean stopped() {
        return stopped;
    }

    /**
     * Ends the exchange after {@code message_stop}.
     *
     * @return the turn; a tool input that does not parse as an object is kept as its raw text, for {@link
     *     AnswerReader} to report; never null
     */
    public Turn finish() {
        var content = new ArrayList<JsonNode>();
        blocks.values().forEach(block -> content.add(block.build()));
        return new Turn(content, stopReason, usage, model, requestId);
    }

    private Optional<String> delta(int index, JsonNode delta) {
        Block block = blocks.get(index);
        if (block == null) {
            throw errors.invalidResponse(
                    "a content_block_delta names block " + index + ", which was never started", requestId, null);
        }
        switch (delta.path("type").asText()) {
            case "text_delta" -> {
                String text = delta.path("text").asText("");
                block.text.append(text);
                return text.isEmpty() ? Optional.empty() : Optional.of(text);
            }
            case "input_json_delta" ->
                block.json.append(delta.path("partial_json").asText(""));
            default -> {
                // thinking, signature and citation deltas: nothing a Zupa message holds
            }
        }
        return Optional.empty();
    }

    private int index(JsonNode data) {
        JsonNode index = data.get("index");
        if (index == null || !index.canConvertToInt()) {
            throw errors.invalidResponse("a content block event has no index", requestId, null);
        }
        return index.asInt();
    }

    /** One content block as it grows. */
    private static final class Block {
        private final JsonNode start;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder json = new StringBuilder();

        private Block(JsonNode start) {
            this.start = start;
        }

        private JsonNode build() {
            if (!start.isObject()) {
                return Json.MAPPER.createObjectNode();
            }
            ObjectNode block = start.deepCopy();
            switch (block.path("type").asText()) {
                case "text" -> block.put("text", block.path("text").asText("") + text);
                case "tool_use" -> {
                    // the start block carries "input": {}; the deltas carry the real input
                    if (!json.isEmpty()) {
                        block.set("input", Json.object(json.toString()).orElse(TextNode.valueOf(json.toString())));
                    }
                }
                default -> {
                    // other blocks are kept as they started
                }
            }
            return block;
        }
    }
}
