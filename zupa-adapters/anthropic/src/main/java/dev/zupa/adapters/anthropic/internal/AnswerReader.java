package dev.zupa.adapters.anthropic.internal;

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
 * Turns the {@link Turn}s of one call (several when the API paused the turn) into a {@link ChatResponse}, the same
 * way for streamed and plain answers. Thread-safe.
 *
 * <p>Text blocks are joined; {@code tool_use} blocks become tool calls with their input as compact JSON; a call of
 * the {@link AnswerTool} becomes the reply text instead, unless the model also called real tools (then those are
 * answered first and the model answers again). Blocks of other types (thinking, server tools) are ignored. Usage is
 * summed over the turns; the stop reason is the last turn's.
 */
public final class AnswerReader {
    private final ErrorMapper errors;

    /**
     * Creates a reader.
     *
     * @param errors builds the exceptions; never null
     */
    public AnswerReader(ErrorMapper errors) {
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * Reads the answer.
     *
     * @param turns the call's turns in order, at least one; never null
     * @param answerTool the structured-output tool, if the request asked for structured output; never null
     * @param requestedModel the model the request named, used when the API names none; never null
     * @return the answer; never null
     * @throws ProviderException {@code CONTENT_REFUSED} for {@code stop_reason: refusal}; {@code INVALID_RESPONSE}
     *     for a tool call without id or name, with an input that is not an object, or cut off by {@code max_tokens}
     */
    public ChatResponse read(List<Turn> turns, Optional<AnswerTool> answerTool, String requestedModel) {
        Turn last = turns.getLast();
        String requestId = last.requestId();
        String stop = last.stopReason();
        var cutOff = "max_tokens".equals(stop) ? lastToolUse(last) : Optional.<JsonNode>empty();
        if (cutOff.isPresent()) {
            // the model was writing a tool call when the limit struck: its input is incomplete, whatever it parses to
            throw errors.truncatedToolUse(
                    cutOff.get().path("id").asText(), cutOff.get().path("name").asText(), requestId);
        }
        var text = new StringBuilder();
        var calls = new ArrayList<ToolCall>();
        String structured = null;
        long input = 0;
        long output = 0;
        for (Turn turn : turns) {
            input += turn.usage().inputTokens();
            output += turn.usage().outputTokens();
            for (JsonNode block : turn.content()) {
                switch (block.path("type").asText()) {
                    case "text" -> text.append(block.path("text").asText());
                    case "tool_use" -> {
                        var call = toolCall(block, requestId);
                        if (answerTool.isPresent() && answerTool.get().name().equals(call.name())) {
                            structured = call.arguments();
                        } else {
                            calls.add(call);
                        }
                    }
                    default -> {
                        // thinking and server-tool blocks carry nothing a Zupa message holds
                    }
                }
            }
        }
        if ("refusal".equals(stop)) {
            throw errors.refused(text.toString(), requestId);
        }
        var finish = finishReason(stop);
        String reply = text.toString();
        if (structured != null && calls.isEmpty()) {
            reply = structured;
            finish = finish == FinishReason.TOOL_CALLS ? FinishReason.STOP : finish;
        }
        var message = new Message.Assistant(MessageId.random(), reply, calls);
        String model = last.model() != null ? last.model() : requestedModel;
        return new ChatResponse(message, new TokenUsage(input, output), finish, model, Optional.ofNullable(requestId));
    }

    /**
     * Maps Anthropic's {@code stop_reason}; {@code refusal} is thrown before it gets here.
     *
     * @param reason the value, if any
     * @return the reason; {@code OTHER} for a missing or unknown value, and for a turn still paused
     */
    static FinishReason finishReason(@Nullable String reason) {
        if (reason == null) {
            return FinishReason.OTHER;
        }
        return switch (reason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            default -> FinishReason.OTHER;
        };
    }

    private ToolCall toolCall(JsonNode block, @Nullable String requestId) {
        String id = Json.text(block, "id");
        String name = Json.text(block, "name");
        if (id == null || id.isBlank() || name == null || name.isBlank()) {
            throw errors.invalidResponse("a tool_use block has no id or no name", requestId, null);
        }
        JsonNode input = block.get("input");
        if (input == null || !input.isObject()) {
            throw errors.invalidResponse(
                    "the input of tool call " + id + " (" + name + ") is not a JSON object", requestId, null);
        }
        return new ToolCall(id, name, input.toString());
    }

    private static Optional<JsonNode> lastToolUse(Turn turn) {
        if (turn.content().isEmpty()) {
            return Optional.empty();
        }
        JsonNode block = turn.content().getLast();
        return "tool_use".equals(block.path("type").asText()) ? Optional.of(block) : Optional.empty();
    }
}
