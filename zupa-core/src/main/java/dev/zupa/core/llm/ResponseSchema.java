package dev.zupa.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Asks the model to answer with JSON matching a schema (structured output) instead of free text.
 *
 * @param name a name for the schema, as vendors require one; never null or blank
 * @param schema the JSON Schema of the answer; never null
 * @param strict whether the vendor should enforce the schema exactly (OpenAI strict mode)
 * @since 0.1
 */
public record ResponseSchema(String name, JsonNode schema, boolean strict) {
    /** Validates the components. */
    public ResponseSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        if (name.isBlank()) {
            throw new IllegalArgumentException("response schema name must not be blank");
        }
        if (!schema.isObject()) {
            throw new IllegalArgumentException("response schema '" + name + "' must be a JSON Schema object");
        }
    }
}
