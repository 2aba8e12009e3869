package dev.zupa.adapters.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.message.ToolCall;
import dev.zupa.core.provider.ProviderException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Folds the {@code chat.completion.chunk} events of one stream into a {@link ChatResponse}. Text deltas are handed
 * back as they come; tool-call fragments are kept as raw strings per {@code index} (a fragment may end mid-key or
 * mid-escape) and parsed only when the stream is complete; the usage comes from the final {@code choices: []} chunk.
 * Not thread-safe: one per stream.
 */
public final class StreamAccumulator {
    /** The data of the event that ends a stream. */
    public static final String DONE = "[DONE]";

    private final ChatResponseDecoder decoder;
    private final ErrorMapper errors;
    private final @Nullable String requestId;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private final Map<Integer, PartialCall> calls = new TreeMap<>();
    private String model;
    private TokenUsage usage = TokenUsage.none();
    private @Nullable String finishReason;

    /**
     * Starts a stream.
     *
     * @param decoder checks tool calls; never null
     * @param errors builds the exceptions; never null
     * @param requestedModel the model the request named, used when no chunk names one; never null
     * @param requestId the {@code x-request-id} header, if any
     */
    public StreamAccumulator(
            ChatResponseDecoder decoder, ErrorMapper errors, String requestedModel, @Nullable String requestId) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.model = Objects.requireNonNull(requestedModel, "requestedModel");
        this.requestId = requestId;
    }

    /**
     * Takes one event (not the {@code [DONE]} one).
     *
     * @param event the event; never null
     * @return the text delta it carried, if any (never empty when present)
     * @throws ProviderException when the event is an error or not a JSON object
     */
    public Optional<String> accept(SseEvent event) {
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(event.data());
        } catch (JsonProcessingException e) {
            throw errors.invalidResponse("a stream event is not JSON", requestId, e);
        }
        if (chunk == null || !chunk.isObject()) {
            throw errors.invalidResponse("a stream event is not a JSON object", requestId, null);
        }
        JsonNode error = chunk.get("error");
        if ((error != null && !error.isNull()) || "error".equals(event.event())) {
            throw errors.fromStreamError(error == null || error.isNull() ? chunk : error, requestId);
        }
        String chunkModel = ChatResponseDecoder.text(chunk, "model");
        if (chunkModel != null && !chunkModel.isEmpty()) {
            model = chunkModel;
        }
        JsonNode usageNode = chunk.get("usage");
        if (usageNode != null && usageNode.isObject()) {
            usage = ChatResponseDecoder.usage(usageNode);
        }
        String delta = null;
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            delta = choice(choice);
        }
        return delta == null || delta.isEmpty() ? Optional.empty() : Optional.of(delta);
    }

    private @Nullable String choice(JsonNode choice) {
        String reason = ChatResponseDecoder.text(choice, "finish_reason");
        if (reason != null) {
            finishReason = reason;
        }
        JsonNode delta = choice.path("delta");
        String refused = ChatResponseDecoder.text(delta, "refusal");
        if (refused != null) {
            refusal.append(refused);
        }
        for (JsonNode fragment : delta.path("tool_calls")) {
            int index = fragment.path("index").asInt(calls.size());
            var call = calls.computeIfAbsent(index, i -> new PartialCall());
            String id = ChatResponseDecoder.text(fragment, "id");
            if (id != null && !id.isEmpty()) {
                call.id = id;
            }
            JsonNode function = fragment.path("function");
            String name = ChatResponseDecoder.text(function, "name");
            if (name != null && !name.isEmpty()) {
                call.name = name;
            }
            String arguments = ChatResponseDecoder.text(function, "arguments");
            if (arguments != null) {
                call.arguments.append(arguments);
            }
        }
        String content = ChatResponseDecoder.text(delta, "content");
        if (content != null) {
            text.append(content);
        }
        return content;
    }

    /**
     * Ends the stream after {@code [DONE]}: parses the tool calls and builds the answer.
     *
     * @return the answer; never null
     * @throws ProviderException {@code CONTENT_REFUSED} on a refusal, {@code INVALID_RESPONSE} on bad tool calls
     */
    public ChatResponse finish() {
        if (!refusal.isEmpty()) {
            throw errors.refused(refusal.toString(), requestId);
        }
        var toolCalls = new ArrayList<ToolCall>();
        for (var call : calls.values()) {
            toolCalls.add(decoder.toolCall(call.id, call.name, call.arguments.toString(), requestId));
        }
        FinishReason finish = ChatResponseDecoder.finishReason(finishReason);
        return ChatResponseDecoder.answer(text.toString(), toolCalls, usage, finish, model, requestId);
    }

    private static final class PartialCall {
        private @Nullable String id;
        private @Nullable String name;
        private final StringBuilder arguments = new StringBuilder();
    }
}
