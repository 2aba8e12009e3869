package dev.zupa.core.message;

import java.util.Objects;

/**
 * A model's request to call one tool.
 *
 * @param id the call id the tool result must quote; never null
 * @param name the tool name; never null
 * @param arguments the arguments as a JSON text; never null
 * @since 0.1
 */
public record ToolCall(String id, String name, String arguments) {
    /** Validates the components. */
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
