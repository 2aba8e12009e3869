package dev.zupa.adapters.whatsappcloud;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What to answer a webhook request with: a status and a plain-text body. Write {@link #contentType()} as the {@code
 * Content-Type} and {@link #bodyBytes()} as the body; for the verification handshake the body is the challenge,
 * byte for byte.
 *
 * @param status the HTTP status: 200, or 400, 401, 403, 405, 413, 500 or 503 as {@link WebhookHandler} documents
 * @param body the body text; never null, possibly empty
 * @since 0.1
 */
public record WebhookResponse(int status, String body) {
    /** The content type of every answer. */
    public static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    /** Validates the answer. */
    public WebhookResponse {
        Objects.requireNonNull(body, "body");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status (100-599), was " + status);
        }
    }

    /**
     * The content type to send.
     *
     * @return {@value #CONTENT_TYPE}
     */
    public String contentType() {
        return CONTENT_TYPE;
    }

    /**
     * The body as UTF-8 bytes.
     *
     * @return a new array; never null
     */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
