package dev.zupa.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool the model may call: its name, what it does, and the JSON Schema of its arguments.
 *
 * @param name letters, digits, {@code _} and {@code -}, at most 64 (what every major vendor accepts); never null
 * @param description what the tool does, for the model; never null
 * @param parameters the JSON Schema of the arguments object; never null
 * @since 0.1
 */
public record ToolSpec(String name, String description, JsonNode parameters) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /** Validates the components. */
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parameters, "parameters");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "tool name must be 1-64 letters, digits, '_' or '-', was '" + name + "'");
        }
        if (!parameters.isObject()) {
            throw new IllegalArgumentException("the parameters of tool '" + name + "' must be a JSON Schema object");
        }
    }
}
