package dev.zupa.adapters.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * The fields of Anthropic's error envelope, {@code {"type":"error","error":{"type","message"},"request_id"}}, the
 * same in an error response and in an {@code error} stream event.
 *
 * @param type the error type, such as {@code overloaded_error}, if any
 * @param message the message, if any
 * @param requestId the request id the body carries, if any
 */
record ApiError(
        @Nullable String type,
        @Nullable String message,
        @Nullable String requestId) {
    private static final ApiError NONE = new ApiError(null, null, null);

    /** Reads a body that may or may not be an error envelope (a proxy may answer with HTML). */
    static ApiError parse(String body) {
        return Json.object(body).map(ApiError::of).orElse(NONE);
    }

    /** Reads an envelope; a bare {@code {"type","message"}} error object is accepted too. */
    static ApiError of(JsonNode envelope) {
        JsonNode error = envelope.path("error");
        JsonNode fields = error.isObject() ? error : envelope;
        String type = blankToNull(Json.text(fields, "type"));
        if ("error".equals(type) && !error.isObject()) {
            // the envelope's own type, not the error's
            type = null;
        }
        return new ApiError(
                type, blankToNull(Json.text(fields, "message")), blankToNull(Json.text(envelope, "request_id")));
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
