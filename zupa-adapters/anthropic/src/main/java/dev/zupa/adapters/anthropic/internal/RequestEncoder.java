package dev.zupa.adapters.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ToolSpec;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a {@link ChatRequest} as the JSON body of {@code POST /v1/messages}. Thread-safe.
 *
 * <p>Mapping: system messages, wherever they stand, go to the top-level {@code system} (a string, or text blocks
 * when there are several); the rest become {@code user} and {@code assistant} messages of content blocks. Assistant
 * tool calls are {@code tool_use} blocks with the arguments as an object; tool results are {@code tool_result} blocks
 * of a user message. Neighbouring messages of one role are merged into one message, so that every {@code tool_use}
 * is answered by the tool results of the very next message, as the API demands, results first.
 */
public final class RequestEncoder {
    private final ErrorMapper errors;

    /**
     * Creates an encoder.
     *
     * @param errors builds the exception for a request the API cannot take; never null
     */
    public RequestEncoder(ErrorMapper errors) {
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * Encodes a request.
     *
     * @param request the request; never null
     * @param model the model to name, the request's own or the adapter's default; never null
     * @param maxTokens the output cap when the request sets none, positive
     * @param answerTool the structured-output tool, if the request asks for structured output; never null
     * @return a new JSON object without {@code stream}; never null
     * @throws dev.zupa.core.provider.ProviderException {@code BAD_REQUEST} when the temperature is above Anthropic's
     *     1.0, or a tool call's arguments are not a JSON object
     */
    public ObjectNode encode(ChatRequest request, String model, int maxTokens, Optional<AnswerTool> answerTool) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", model);
        root.put("max_tokens", request.maxOutputTokens().orElse(maxTokens));
        system(request.messages()).ifPresent(system -> root.set("system", system));
        ArrayNode messages = root.putArray("messages");
        for (Message message : request.messages()) {
            switch (message) {
                case Message.System system -> {
                    // already in the top-level system field
                }
                case Message.User user -> append(messages, "user", textBlock(user.text()));
                case Message.Tool tool -> append(messages, "user", toolResult(tool));
                case Message.Assistant assistant -> {
                    append(messages, "assistant", textBlock(assistant.text()));
                    for (ToolCall call : assistant.toolCalls()) {
                        append(messages, "assistant", toolUse(call));
                    }
                }
            }
        }
        messages.forEach(RequestEncoder::simplify);
        if (!request.tools().isEmpty() || answerTool.isPresent()) {
            ArrayNode tools = root.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
            answerTool.ifPresent(answer -> {
                tools.add(answer.definition());
                root.set("tool_choice", answer.choice(!request.tools().isEmpty()));
            });
        }
        if (request.temperature().isPresent()) {
            double temperature = request.temperature().get();
            if (temperature > 1) {
                throw errors.unsendable("temperature must be between 0 and 1 for Anthropic, was " + temperature);
            }
            root.put("temperature", temperature);
        }
        return root;
    }

    /**
     * The body that continues a paused turn ({@code stop_reason: pause_turn}): the same request with the paused
     * answer's content blocks sent back, unchanged, as the last assistant message.
     *
     * @param body the body that was paused; never null, not changed
     * @param content the paused answer's content blocks; never null
     * @return a new body; never null
     */
    public static ObjectNode continuation(ObjectNode body, List<JsonNode> content) {
        ObjectNode next = body.deepCopy();
        ArrayNode messages = (ArrayNode) next.get("messages");
        for (JsonNode block : content) {
            append(messages, "assistant", block.deepCopy());
        }
        messages.forEach(RequestEncoder::simplify);
        return next;
    }

    private static Optional<JsonNode> system(List<Message> messages) {
        var texts = new ArrayList<String>();
        for (Message message : messages) {
            if (message instanceof Message.System system && !system.text().isEmpty()) {
                texts.add(system.text());
            }
        }
        if (texts.size() <= 1) {
            return texts.isEmpty() ? Optional.empty() : Optional.of(TextNode.valueOf(texts.get(0)));
        }
        ArrayNode blocks = Json.MAPPER.createArrayNode();
        texts.forEach(text -> blocks.add(textBlock(text)));
        return Optional.of(blocks);
    }

    /** Adds a block to the last message when it has the same role, else starts a message. */
    private static void append(ArrayNode messages, String role, ObjectNode block) {
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        ArrayNode content;
        if (last != null && role.equals(last.path("role").asText())) {
            JsonNode existing = last.get("content");
            if (existing.isTextual()) {
                // a continuation may extend a message that simplify() already shortened to a string
                content = ((ObjectNode) last).putArray("content");
                content.add(textBlock(existing.asText()));
            } else {
                content = (ArrayNode) existing;
            }
        } else {
            ObjectNode message = messages.addObject().put("role", role);
            content = message.putArray("content");
        }
        if (!isEmptyText(block)) {
            content.add(block);
        }
    }

    /**
     * Drops what the API refuses or does not need: a message of one text block is sent as a plain string, and a
     * message left with no blocks (only empty text) is sent as an empty string.
     */
    private static void simplify(JsonNode message) {
        if (!(message.get("content") instanceof ArrayNode content)) {
            return;
        }
        if (content.isEmpty()) {
            ((ObjectNode) message).put("content", "");
        } else if (content.size() == 1
                && "text".equals(content.get(0).path("type").asText())) {
            ((ObjectNode) message).put("content", content.get(0).path("text").asText());
        }
    }

    private static boolean isEmptyText(ObjectNode block) {
        return "text".equals(block.path("type").asText())
                && block.path("text").asText().isEmpty();
    }

    private static ObjectNode textBlock(String text) {
        return Json.MAPPER.createObjectNode().put("type", "text").put("text", text);
    }

    private static ObjectNode toolResult(Message.Tool tool) {
        return Json.MAPPER
                .createObjectNode()
                .put("type", "tool_result")
                .put("tool_use_id", tool.toolCallId())
                .put("content", tool.text());
    }

    private ObjectNode toolUse(ToolCall call) {
        ObjectNode block = Json.MAPPER.createObjectNode();
        block.put("type", "tool_use").put("id", call.id()).put("name", call.name());
        JsonNode input = call.arguments().isBlank()
                ? Json.MAPPER.createObjectNode()
                : Json.object(call.arguments())
                        .orElseThrow(() -> errors.unsendable("the arguments of tool call " + call.id() + " ("
                                + call.name() + ") are not a JSON object; Anthropic needs tool input as an object"));
        block.set("input", input);
        return block;
    }

    private static ObjectNode tool(ToolSpec spec) {
        ObjectNode tool = Json.MAPPER.createObjectNode();
        tool.put("name", spec.name());
        if (!spec.description().isEmpty()) {
            tool.put("description", spec.description());
        }
        tool.set("input_schema", spec.parameters().deepCopy());
        return tool;
    }
}
