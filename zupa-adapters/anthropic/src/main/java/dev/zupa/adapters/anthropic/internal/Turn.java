package dev.zupa.adapters.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.llm.TokenUsage;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one HTTP exchange with {@code /v1/messages} produced, streamed or not: the answer's content blocks as the API
 * sent them (so that a paused turn can be sent back unchanged), why it stopped, and what it cost.
 *
 * @param content the content blocks, in order; tool inputs are objects, except a streamed input that did not parse,
 *     which is kept as its raw text
 * @param stopReason the {@code stop_reason}, if any
 * @param usage the exchange's tokens
 * @param model the model the API named, if any
 * @param requestId the {@code request-id} header, if any
 */
public record Turn(
        List<JsonNode> content,
        @Nullable String stopReason,
        TokenUsage usage,
        @Nullable String model,
        @Nullable String requestId) {
    /** Validates the components and copies the list. */
    public Turn {
        content = List.copyOf(content);
        Objects.requireNonNull(usage, "usage");
    }

    /**
     * Whether the API paused a long turn and expects it sent back to continue.
     *
     * @return true for {@code stop_reason: pause_turn}
     */
    public boolean paused() {
        return "pause_turn".equals(stopReason);
    }

    /**
     * Reads a {@code usage} object: the input counts every prompt token, cached or not; the output the answer's.
     *
     * @param usage the object, if any; a missing one reads as zero
     * @param fallback the usage to keep for counts the object does not carry (a stream reports them in pieces)
     * @return the usage; never null
     */
    static TokenUsage usage(@Nullable JsonNode usage, TokenUsage fallback) {
        if (usage == null || !usage.isObject()) {
            return fallback;
        }
        long input = fallback.inputTokens();
        if (usage.has("input_tokens")) {
            input = count(usage, "input_tokens")
                    + count(usage, "cache_creation_input_tokens")
                    + count(usage, "cache_read_input_tokens");
        }
        long output = usage.has("output_tokens") ? count(usage, "output_tokens") : fallback.outputTokens();
        return new TokenUsage(input, output);
    }

    private static long count(JsonNode usage, String field) {
        return Math.max(0, usage.path(field).asLong(0));
    }
}
