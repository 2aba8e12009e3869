package dev.zupa.adapters.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ResponseSchema;
import dev.zupa.core.llm.ToolSpec;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.ToolCall;
import java.io.UncheckedIOException;

/**
 * Writes a {@link ChatRequest} as the JSON body of {@code POST /chat/completions}. Stateless and thread-safe.
 *
 * <p>Mapping: system messages keep the {@code system} role (which compatible servers understand, unlike {@code
 * developer}); an assistant message that only calls tools has {@code content: null}; tool call arguments are sent as
 * the JSON string they are; tools are {@code function} tools; a response schema becomes {@code response_format} of
 * type {@code json_schema}; the output cap is {@code max_completion_tokens}.
 */
public final class ChatRequestEncoder {
    private ChatRequestEncoder() {}

    /**
     * Encodes a request.
     *
     * @param request the request; never null
     * @param model the model to name, the request's own or the adapter's default; never null
     * @param stream whether to ask for a server-sent-events stream with a final usage chunk
     * @return the UTF-8 JSON body; never null
     */
    public static byte[] encode(ChatRequest request, String model, boolean stream) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", model);
        ArrayNode messages = root.putArray("messages");
        request.messages().forEach(message -> messages.add(message(message)));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = root.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
        }
        request.responseSchema().ifPresent(schema -> root.set("response_format", responseFormat(schema)));
        request.maxOutputTokens().ifPresent(max -> root.put("max_completion_tokens", max));
        request.temperature().ifPresent(t -> root.put("temperature", t));
        if (stream) {
            root.put("stream", true);
            root.putObject("stream_options").put("include_usage", true);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write a JSON tree; this is a bug", e);
        }
    }

    private static ObjectNode message(Message message) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        switch (message) {
            case Message.System system -> node.put("role", "system").put("content", system.text());
            case Message.User user -> node.put("role", "user").put("content", user.text());
            case Message.Assistant assistant -> {
                node.put("role", "assistant");
                if (assistant.text().isEmpty() && !assistant.toolCalls().isEmpty()) {
                    node.putNull("content");
                } else {
                    node.put("content", assistant.text());
                }
                if (!assistant.toolCalls().isEmpty()) {
                    ArrayNode calls = node.putArray("tool_calls");
                    assistant.toolCalls().forEach(call -> calls.add(toolCall(call)));
                }
            }
            case Message.Tool tool ->
                node.put("role", "tool").put("tool_call_id", tool.toolCallId()).put("content", tool.text());
        }
        return node;
    }

    private static ObjectNode toolCall(ToolCall call) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", call.id()).put("type", "function");
        node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
        return node;
    }

    private static ObjectNode tool(ToolSpec tool) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", tool.name());
        if (!tool.description().isEmpty()) {
            function.put("description", tool.description());
        }
        function.set("parameters", tool.parameters().deepCopy());
        return node;
    }

    private static ObjectNode responseFormat(ResponseSchema schema) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", "json_schema");
        ObjectNode jsonSchema = node.putObject("json_schema");
        jsonSchema.put("name", schema.name());
        jsonSchema.put("strict", schema.strict());
        jsonSchema.set("schema", schema.schema().deepCopy());
        return node;
    }
}
