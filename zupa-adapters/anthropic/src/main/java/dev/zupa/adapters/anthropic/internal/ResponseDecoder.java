package dev.zupa.adapters.anthropic.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.provider.ProviderException;
import java.util.ArrayList;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of a non-streamed {@code message} into a {@link Turn}. Thread-safe.
 *
 * <p>A body that is not a JSON object, or has no {@code content} array of objects, is {@code INVALID_RESPONSE}; a
 * body of type {@code error} (a gateway may answer 200 with one) is mapped like an {@code error} stream event.
 */
public final class ResponseDecoder {
    private final ErrorMapper errors;

    /**
     * Creates a decoder.
     *
     * @param errors builds the exceptions; never null
     */
    public ResponseDecoder(ErrorMapper errors) {
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * Decodes a response body.
     *
     * @param body the body text; never null
     * @param requestId the {@code request-id} header, if any
     * @return the turn; never null
     * @throws ProviderException when the body is malformed or an error
     */
    public Turn decode(String body, @Nullable String requestId) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw errors.invalidResponse("the response body is not JSON", requestId, e);
        }
        if (root == null || !root.isObject()) {
            throw errors.invalidResponse("the response body is not a JSON object", requestId, null);
        }
        if ("error".equals(Json.text(root, "type"))) {
            throw errors.fromStreamError(root, requestId);
        }
        JsonNode content = root.get("content");
        if (content == null || !content.isArray()) {
            throw errors.invalidResponse("the response has no content array", requestId, null);
        }
        var blocks = new ArrayList<JsonNode>();
        for (JsonNode block : content) {
            if (!block.isObject()) {
                throw errors.invalidResponse("a content block is not a JSON object", requestId, null);
            }
            blocks.add(block);
        }
        return new Turn(
                blocks,
                Json.text(root, "stop_reason"),
                Turn.usage(root.get("usage"), TokenUsage.none()),
                Json.text(root, "model"),
                requestId);
    }
}
