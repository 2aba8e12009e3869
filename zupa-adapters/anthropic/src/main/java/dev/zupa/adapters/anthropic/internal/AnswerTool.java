package dev.zupa.adapters.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ResponseSchema;
import java.util.Objects;
import java.util.Optional;

/**
 * Structured output the Anthropic way: the Messages API has no JSON-schema response format, so a {@link
 * ResponseSchema} becomes a tool whose {@code input_schema} is the schema, and the model is made to call a tool with
 * {@code tool_choice}. The tool's input is then the structured answer, handed back as the reply text.
 *
 * <p>Without other tools the choice is {@code {"type":"tool","name":…}}, so the answer tool is the only way to
 * answer; with other tools it is {@code {"type":"any"}}, so the model may still call them first and must answer
 * through the answer tool in the end.
 *
 * @param name the tool name: the schema's name, with characters a tool name cannot have replaced by {@code _}
 * @param schema the JSON Schema of the answer, a {@code type: object} schema
 * @param strict whether to send {@code strict: true}, which makes the API enforce the schema
 */
public record AnswerTool(String name, JsonNode schema, boolean strict) {
    private static final int MAX_NAME = 64;

    /** Validates the components. */
    public AnswerTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
    }

    /**
     * The answer tool a request needs, if it asks for structured output.
     *
     * @param request the request; never null
     * @param errors builds the exception for a schema the API cannot take; never null
     * @return the tool, or empty for a free-text request
     * @throws dev.zupa.core.provider.ProviderException {@code BAD_REQUEST} when the schema is not a {@code type:
     *     object} schema, or its name is taken by one of the request's tools
     */
    public static Optional<AnswerTool> of(ChatRequest request, ErrorMapper errors) {
        if (request.responseSchema().isEmpty()) {
            return Optional.empty();
        }
        ResponseSchema schema = request.responseSchema().get();
        if (!"object".equals(Json.text(schema.schema(), "type"))) {
            throw errors.unsendable("response schema '" + schema.name() + "' must have \"type\": \"object\": Anthropic"
                    + " receives structured output as a tool input, which is always an object");
        }
        String name = toolName(schema.name());
        if (request.tools().stream().anyMatch(tool -> tool.name().equals(name))) {
            throw errors.unsendable("response schema '" + schema.name() + "' becomes the answer tool '" + name
                    + "', but the request already has a tool of that name; rename one of them");
        }
        return Optional.of(new AnswerTool(name, schema.schema(), schema.strict()));
    }

    /**
     * The tool definition to add to {@code tools}.
     *
     * @return a new JSON object; never null
     */
    ObjectNode definition() {
        ObjectNode tool = Json.MAPPER.createObjectNode();
        tool.put("name", name);
        tool.put("description", "Give your final answer by calling this tool; its input is the whole answer.");
        tool.set("input_schema", schema.deepCopy());
        if (strict) {
            tool.put("strict", true);
        }
        return tool;
    }

    /**
     * The {@code tool_choice} that makes the model answer through this tool.
     *
     * @param otherTools whether the request has tools of its own
     * @return a new JSON object; never null
     */
    ObjectNode choice(boolean otherTools) {
        ObjectNode choice = Json.MAPPER.createObjectNode();
        if (otherTools) {
            choice.put("type", "any");
        } else {
            choice.put("type", "tool").put("name", name);
        }
        return choice;
    }

    private static String toolName(String schemaName) {
        String name = schemaName.replaceAll("[^a-zA-Z0-9_-]", "_");
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }
}
