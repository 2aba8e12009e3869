package dev.zupa.adapters.whatsappcloud.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

/** The adapter's JSON mapper (trees only; trailing garbage after a value is an error) and tree helpers. */
public final class Json {
    /** The shared mapper; thread-safe. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /**
     * A scalar field as text; Meta sends some numbers as strings and some strings as numbers.
     *
     * @param node the object; may be null
     * @param field the field name
     * @return the text, or null when the field is absent, null, a container or blank
     */
    public static @Nullable String text(@Nullable JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        var value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /**
     * An array field, or an empty array when it is absent or not an array.
     *
     * @param node the object; may be null
     * @param field the field name
     * @return the elements; never null
     */
    public static Iterable<JsonNode> array(@Nullable JsonNode node, String field) {
        var value = node == null ? null : node.get(field);
        return value != null && value.isArray() ? value : MAPPER.createArrayNode();
    }
}
