package dev.zupa.core.llm;

import dev.zupa.core.message.Message;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's answer.
 *
 * @param message the assistant message: text, tool calls or both; never null
 * @param usage the tokens the call consumed; never null
 * @param finishReason why the model stopped; never null
 * @param model the model that answered, as the vendor named it; never null
 * @param requestId the vendor's id of the request, if it gave one; never null
 * @since 0.1
 */
public record ChatResponse(
        Message.Assistant message,
        TokenUsage usage,
        FinishReason finishReason,
        String model,
        Optional<String> requestId) {
    /** Validates the components. */
    public ChatResponse {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(requestId, "requestId");
    }
}
