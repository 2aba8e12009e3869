package dev.zupa.adapters.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageId;
import dev.zupa.core.message.ToolCall;
import dev.zupa.core.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of a non-streamed {@code chat.completion} into a {@link ChatResponse}, and holds the rules the
 * stream shares: finish reasons, usage, tool-call checks. Thread-safe.
 *
 * <p>Only the first choice is read (Zupa never asks for {@code n > 1}). A refusal becomes {@code CONTENT_REFUSED};
 * a body that is not JSON, has no choices, or whose tool-call arguments are not JSON becomes {@code
 * INVALID_RESPONSE}. Empty arguments ({@code ""}) are read as {@code {}}.
 */
public final class ChatResponseDecoder {
    private final ErrorMapper errors;

    /**
     * Creates a decoder.
     *
     * @param errors builds the exceptions; never null
     */
    public ChatResponseDecoder(ErrorMapper errors) {
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * Decodes a response body.
     *
     * @param body the body text; never null
     * @param requestedModel the model the request named, used when the body names none; never null
     * @param requestId the {@code x-request-id} header, if any
     * @return the answer; never null
     * @throws ProviderException when the body is malformed or the model refused
     */
    public ChatResponse decode(String body, String requestedModel, @Nullable String requestId) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw errors.invalidResponse("the response body is not JSON", requestId, e);
        }
        if (root == null || !root.isObject()) {
            throw errors.invalidResponse("the response body is not a JSON object", requestId, null);
        }
        if (root.has("error") && !root.get("error").isNull()) {
            throw errors.fromStreamError(root.get("error"), requestId);
        }
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw errors.invalidResponse("the response has no choices", requestId, null);
        }
        JsonNode message = choices.get(0).path("message");
        if (!message.isObject()) {
            throw errors.invalidResponse("the first choice has no message", requestId, null);
        }
        String refusal = text(message, "refusal");
        if (refusal != null && !refusal.isEmpty()) {
            throw errors.refused(refusal, requestId);
        }
        String content = text(message, "content");
        var calls = new ArrayList<ToolCall>();
        JsonNode toolCalls = message.path("tool_calls");
        if (toolCalls.isArray()) {
            for (JsonNode call : toolCalls) {
                JsonNode function = call.path("function");
                calls.add(toolCall(
                        text(call, "id"),
                        text(function, "name"),
                        Objects.requireNonNullElse(text(function, "arguments"), ""),
                        requestId));
            }
        }
        var finish = finishReason(text(choices.get(0), "finish_reason"));
        return answer(
                content == null ? "" : content,
                calls,
                usage(root.get("usage")),
                finish,
                model(root, requestedModel),
                requestId);
    }

    /**
     * Builds the answer both paths return.
     *
     * @param text the assistant text; never null
     * @param calls the tool calls, in order; never null
     * @param usage the usage; never null
     * @param finish the finish reason; never null
     * @param model the answering model; never null
     * @param requestId the request id, if any
     * @return the answer; never null
     */
    static ChatResponse answer(
            String text,
            List<ToolCall> calls,
            TokenUsage usage,
            FinishReason finish,
            String model,
            @Nullable String requestId) {
        var message = new Message.Assistant(MessageId.random(), text, calls);
        return new ChatResponse(message, usage, finish, model, Optional.ofNullable(requestId));
    }

    /**
     * Checks one tool call: it needs an id and a name, and its arguments must be JSON.
     *
     * @param id the call id, if present
     * @param name the function name, if present
     * @param arguments the raw arguments; never null
     * @param requestId the request id, if any
     * @return the call; never null
     * @throws ProviderException {@code INVALID_RESPONSE} when a part is missing or the arguments are not JSON
     */
    ToolCall toolCall(@Nullable String id, @Nullable String name, String arguments, @Nullable String requestId) {
        if (id == null || name == null) {
            throw errors.invalidResponse("a tool call has no id or no function name", requestId, null);
        }
        if (arguments.isBlank()) {
            return new ToolCall(id, name, "{}");
        }
        try {
            Json.MAPPER.readTree(arguments);
        } catch (JsonProcessingException e) {
            throw errors.invalidResponse(
                    "the arguments of tool call " + id + " (" + name + ") are not valid JSON", requestId, e);
        }
        return new ToolCall(id, name, arguments);
    }

    /**
     * Maps OpenAI's {@code finish_reason}.
     *
     * @param reason the value, if any
     * @return the reason; {@code OTHER} for a missing or unknown value
     */
    static FinishReason finishReason(@Nullable String reason) {
        if (reason == null) {
            return FinishReason.OTHER;
        }
        return switch (reason) {
            case "stop" -> FinishReason.STOP;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "length" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /**
     * Reads a {@code usage} object.
     *
     * @param usage the node, if any
     * @return the usage; zero when absent
     */
    static TokenUsage usage(@Nullable JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return TokenUsage.none();
        }
        return new TokenUsage(
                Math.max(0, usage.path("prompt_tokens").asLong(0)),
                Math.max(0, usage.path("completion_tokens").asLong(0)));
    }

    /**
     * The model a body names, else the requested one.
     *
     * @param root the body; never null
     * @param requestedModel the fallback; never null
     * @return the model; never null
     */
    static String model(JsonNode root, String requestedModel) {
        String model = text(root, "model");
        return model == null ? requestedModel : model;
    }

    /**
     * A scalar field as text.
     *
     * @param node the object; never null
     * @param field the field name; never null
     * @return the text, or null when absent or JSON null
     */
    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
