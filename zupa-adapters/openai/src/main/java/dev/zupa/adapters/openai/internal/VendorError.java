package dev.zupa.adapters.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an OpenAI error object, {@code {"error":{"message","type","param","code"}}}; compatible servers
 * sometimes send {@code {"error":"text"}} instead, which is read as the message.
 *
 * @param message the message, if any
 * @param type the type, if any
 * @param code the code, if any
 */
record VendorError(
        @Nullable String message,
        @Nullable String type,
        @Nullable String code) {
    private static final VendorError NONE = new VendorError(null, null, null);

    static VendorError parse(String body) {
        if (body.isBlank()) {
            return NONE;
        }
        try {
            var root = Json.MAPPER.readTree(body);
            return root != null && root.has("error") ? of(root.get("error")) : NONE;
        } catch (JsonProcessingException e) {
            return NONE;
        }
    }

    static VendorError of(JsonNode error) {
        if (error.isTextual()) {
            return new VendorError(error.asText(), null, null);
        }
        return new VendorError(text(error, "message"), text(error, "type"), text(error, "code"));
    }

    private static @Nullable String text(JsonNode node, String field) {
        var value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }
}
