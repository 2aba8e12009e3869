package dev.zupa.adapters.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.provider.RetryAfter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The one place where OpenAI failures become {@link ProviderException}s, for chat, transcription and speech alike:
 * HTTP statuses with their error bodies, error objects inside a 200 stream, I/O failures, answers that cannot be
 * understood and requests refused before they are sent. Every message passes through {@link #redact} so that the API
 * key (which OpenAI partly echoes in a 401) never reaches an exception.
 *
 * <p>The status table, in order:
 *
 * <ul>
 *   <li>401, 403: {@code AUTHENTICATION}
 *   <li>429 whose code or type is {@code insufficient_quota}: {@code QUOTA_EXHAUSTED} (billing; terminal)
 *   <li>other 429: {@code RATE_LIMITED}, with {@code retry-after-ms}, else {@code retry-after}
 *   <li>408, 409: {@code UNAVAILABLE}
 *   <li>503 whose message, type or code mentions "overload": {@code OVERLOADED}; other 503: {@code UNAVAILABLE}
 *   <li>any other 5xx: {@code UNAVAILABLE}
 *   <li>400, 404, 413 (file too large), 422 and any other status: {@code BAD_REQUEST}
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ErrorMapper {
    /** The vendor name carried by every exception. */
    public static final String VENDOR = "openai";

    private static final int MAX_MESSAGE = 500;
    private static final Pattern KEY_LIKE = Pattern.compile("sk-[A-Za-z0-9_*.\\-]+");

    private final String apiKey;
    private final Clock clock;

    /**
     * Creates a mapper.
     *
     * @param apiKey the key to scrub from every message; never null
     * @param clock the clock that turns an HTTP-date {@code retry-after} into a wait; never null
     */
    public ErrorMapper(String apiKey, Clock clock) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The kind for an HTTP status and the error body's {@code code}, {@code type} and {@code message}.
     *
     * @param status the HTTP status
     * @param code the error code, if any
     * @param type the error type, if any
     * @param message the error message, if any
     * @return the kind; never null
     */
    public static ProviderErrorKind kindFor(
            int status, @Nullable String code, @Nullable String type, @Nullable String message) {
        return switch (status) {
            case 401, 403 -> ProviderErrorKind.AUTHENTICATION;
            case 429 ->
                "insufficient_quota".equals(code) || "insufficient_quota".equals(type)
                        ? ProviderErrorKind.QUOTA_EXHAUSTED
                        : ProviderErrorKind.RATE_LIMITED;
            case 408, 409 -> ProviderErrorKind.UNAVAILABLE;
            case 503 ->
                mentionsOverload(code, type, message) ? ProviderErrorKind.OVERLOADED : ProviderErrorKind.UNAVAILABLE;
            default -> status >= 500 ? ProviderErrorKind.UNAVAILABLE : ProviderErrorKind.BAD_REQUEST;
        };
    }

    /**
     * The kind for an error object that arrived inside a 200 stream, where only its code and type tell what it is.
     * Unknown errors count as {@code UNAVAILABLE}: the server failed after it had started answering.
     *
     * @param code the error code, if any
     * @param type the error type, if any
     * @param message the error message, if any
     * @return the kind; never null
     */
    public static ProviderErrorKind kindForStreamError(
            @Nullable String code, @Nullable String type, @Nullable String message) {
        if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)) {
            return ProviderErrorKind.QUOTA_EXHAUSTED;
        }
        if ("rate_limit_exceeded".equals(code) || "rate_limit_exceeded".equals(type)) {
            return ProviderErrorKind.RATE_LIMITED;
        }
        if (mentionsOverload(code, type, message)) {
            return ProviderErrorKind.OVERLOADED;
        }
        if ("invalid_request_error".equals(type)) {
            return ProviderErrorKind.BAD_REQUEST;
        }
        return ProviderErrorKind.UNAVAILABLE;
    }

    /**
     * Maps a response whose status is not 2xx.
     *
     * @param status the HTTP status
     * @param headers the response headers
     * @param body the start of the response body, possibly empty
     * @return the exception to throw; never null
     */
    public ProviderException fromHttp(int status, Headers headers, String body) {
        var error = VendorError.parse(body);
        var kind = kindFor(status, error.code(), error.type(), error.message());
        String text = error.message() != null
                ? error.message()
                : body.isBlank() ? "HTTP " + status + " with an empty body" : "HTTP " + status + ": " + body;
        var builder = ProviderException.builder(kind, VENDOR, clean(text)).status(status);
        String code = error.code() != null ? error.code() : error.type();
        if (code != null) {
            builder.code(clean(code));
        }
        requestId(headers).ifPresent(builder::requestId);
        if (kind.isTransient()) {
            retryAfter(headers).ifPresent(builder::retryAfter);
        }
        return builder.build();
    }

    /**
     * Maps an error object that arrived as data inside a 200 stream.
     *
     * @param error the value of the {@code error} key; never null
     * @param requestId the response's request id, if any
     * @return the exception to throw; never null
     */
    public ProviderException fromStreamError(JsonNode error, @Nullable String requestId) {
        var parsed = VendorError.of(error);
        var kind = kindForStreamError(parsed.code(), parsed.type(), parsed.message());
        String text = parsed.message() != null ? parsed.message() : "the stream reported an error";
        var builder = ProviderException.builder(kind, VENDOR, clean("error after HTTP 200: " + text));
        String code = parsed.code() != null ? parsed.code() : parsed.type();
        if (code != null) {
            builder.code(clean(code));
        }
        if (requestId != null) {
            builder.requestId(requestId);
        }
        return builder.build();
    }

    /**
     * Maps an I/O failure: a timeout to {@code TIMEOUT}, anything else to {@code CONNECTION}.
     *
     * @param failure the failure; never null
     * @param requestId the request id, if a response had started
     * @return the exception to throw; never null
     */
    public ProviderException fromIo(IOException failure, @Nullable String requestId) {
        boolean timeout = failure instanceof SocketTimeoutException || failure instanceof InterruptedIOException;
        var kind = timeout ? ProviderErrorKind.TIMEOUT : ProviderErrorKind.CONNECTION;
        String detail = failure.getMessage() == null
                ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        var builder = ProviderException.builder(kind, VENDOR, clean(detail)).cause(failure);
        if (requestId != null) {
            builder.requestId(requestId);
        }
        return builder.build();
    }

    /**
     * A stream that ended before its terminal event.
     *
     * @param terminal the event that should have ended it, such as {@code [DONE]}; never null
     * @param requestId the response's request id, if any
     * @return a {@code CONNECTION} exception; never null
     */
    public ProviderException incompleteStream(String terminal, @Nullable String requestId) {
        var builder = ProviderException.builder(
                ProviderErrorKind.CONNECTION,
                VENDOR,
                "the stream ended before " + terminal + "; the answer is incomplete");
        if (requestId != null) {
            builder.requestId(requestId);
        }
        return builder.build();
    }

    /**
     * A request refused before it was sent, because OpenAI would refuse it too (an audio format it cannot read, a
     * file or text over its size limit). Nothing reached the network.
     *
     * @param code a short code naming the rule, such as {@code audio_too_large}; never null
     * @param message what is wrong and what to do instead; never null
     * @return a {@code BAD_REQUEST} exception without a status; never null
     */
    public ProviderException rejected(String code, String message) {
        return ProviderException.builder(ProviderErrorKind.BAD_REQUEST, VENDOR, clean(message))
                .code(code)
                .build();
    }

    /**
     * An answer that cannot be understood.
     *
     * @param message what is wrong; never null
     * @param requestId the response's request id, if any
     * @param cause the parse failure, if any
     * @return an {@code INVALID_RESPONSE} exception; never null
     */
    public ProviderException invalidResponse(String message, @Nullable String requestId, @Nullable Throwable cause) {
        var builder = ProviderException.builder(ProviderErrorKind.INVALID_RESPONSE, VENDOR, clean(message));
        if (requestId != null) {
            builder.requestId(requestId);
        }
        if (cause != null) {
            builder.cause(cause);
        }
        return builder.build();
    }

    /**
     * The model refused to answer ({@code message.refusal}).
     *
     * @param refusal the model's refusal text; never null
     * @param requestId the response's request id, if any
     * @return a {@code CONTENT_REFUSED} exception; never null
     */
    public ProviderException refused(String refusal, @Nullable String requestId) {
        var builder = ProviderException.builder(
                        ProviderErrorKind.CONTENT_REFUSED, VENDOR, clean("the model refused: " + refusal))
                .code("refusal");
        if (requestId != null) {
            builder.requestId(requestId);
        }
        return builder.build();
    }

    /**
     * The wait a response asks for: {@code retry-after-ms} (milliseconds), else {@code retry-after} (seconds, a
     * fraction allowed, or an HTTP date). Unparsable or negative values are ignored.
     *
     * @param headers the response headers; never null
     * @return the wait, if the response gave a usable one
     */
    public Optional<Duration> retryAfter(Headers headers) {
        return RetryAfter.parse(headers.get("retry-after-ms"), headers.get("retry-after"), clock);
    }

    /**
     * The vendor's request id header.
     *
     * @param headers the response headers; never null
     * @return {@code x-request-id}, if present and not blank
     */
    public static Optional<String> requestId(Headers headers) {
        String value = headers.get("x-request-id");
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /**
     * Removes the API key, and anything shaped like an OpenAI key, from a text.
     *
     * @param text any text; never null
     * @return the text without secrets; never null
     */
    public String redact(String text) {
        String result = apiKey.isEmpty() ? text : text.replace(apiKey, "[redacted]");
        return KEY_LIKE.matcher(result).replaceAll("sk-[redacted]");
    }

    private String clean(String text) {
        String redacted = redact(text);
        return redacted.length() <= MAX_MESSAGE ? redacted : redacted.substring(0, MAX_MESSAGE) + "…";
    }

    private static boolean mentionsOverload(@Nullable String... parts) {
        for (String part : parts) {
            if (part != null && part.toLowerCase(Locale.ROOT).contains("overload")) {
                return true;
            }
        }
        return false;
    }
}
