package dev.zupa.adapters.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The one place where Anthropic failures become {@link ProviderException}s: HTTP statuses with their error bodies,
 * {@code error} events inside a 200 stream, I/O failures, answers that cannot be understood and refusals. Every
 * message passes through {@link #redact} so that the API key never reaches an exception.
 *
 * <p>The table (status first; the error type decides where the status alone does not):
 *
 * <ul>
 *   <li>401 {@code authentication_error}, 403 {@code permission_error}: {@code AUTHENTICATION}
 *   <li>429 {@code rate_limit_error}: {@code RATE_LIMITED}, with the server's {@code retry-after}
 *   <li>529 {@code overloaded_error}, and any 5xx whose type is {@code overloaded_error}: {@code OVERLOADED}
 *   <li>500 {@code api_error} and any other 5xx, 408, 409: {@code UNAVAILABLE}
 *   <li>400 {@code invalid_request_error}, 404 {@code not_found_error}, 413 {@code request_too_large} and any other
 *       status: {@code BAD_REQUEST}
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ErrorMapper {
    /** The vendor name every exception carries. */
    public static final String VENDOR = "anthropic";

    private static final int MAX_MESSAGE = 500;
    /** Anthropic keys start with {@code sk-ant-}; a proxy or a log echo could show one that is not ours. */
    private static final Pattern KEY_LIKE = Pattern.compile("sk-ant-[A-Za-z0-9_*.\\-]+");

    private final String apiKey;
    private final RetryAfter retryAfter;

    /**
     * Creates a mapper.
     *
     * @param apiKey the key to scrub from every message; never null
     * @param retryAfter reads the wait a response asks for; never null
     */
    public ErrorMapper(String apiKey, RetryAfter retryAfter) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * The kind for an HTTP status and the body's error type.
     *
     * @param status the HTTP status
     * @param type the error type, if any
     * @return the kind; never null
     */
    public static ProviderErrorKind kindFor(int status, @Nullable String type) {
        return switch (status) {
            case 401, 403 -> ProviderErrorKind.AUTHENTICATION;
            case 429 -> ProviderErrorKind.RATE_LIMITED;
            case 529 -> ProviderErrorKind.OVERLOADED;
            // the SDKs retry these two; neither says anything is wrong with the request itself
            case 408, 409 -> ProviderErrorKind.UNAVAILABLE;
            default -> {
                if (status >= 500) {
                    yield "overloaded_error".equals(type)
                            ? ProviderErrorKind.OVERLOADED
                            : ProviderErrorKind.UNAVAILABLE;
                }
                yield ProviderErrorKind.BAD_REQUEST;
            }
        };
    }

    /**
     * The kind for an error that arrived inside a 200 stream, where only its type tells what it is. Unknown types
     * count as {@code UNAVAILABLE}: the server failed after it had started answering.
     *
     * @param type the error type, if any
     * @return the kind; never null
     */
    public static ProviderErrorKind kindForType(@Nullable String type) {
        if (type == null) {
            return ProviderErrorKind.UNAVAILABLE;
        }
        return switch (type) {
            case "overloaded_error" -> ProviderErrorKind.OVERLOADED;
            case "rate_limit_error" -> ProviderErrorKind.RATE_LIMITED;
            case "authentication_error", "permission_error" -> ProviderErrorKind.AUTHENTICATION;
            case "invalid_request_error", "not_found_error", "request_too_large" -> ProviderErrorKind.BAD_REQUEST;
            default -> ProviderErrorKind.UNAVAILABLE;
        };
    }

    /**
     * Maps a response whose status is not 2xx.
     *
     * @param status the HTTP status
     * @param headers the response headers; never null
     * @param body the start of the response body, possibly empty; never null
     * @return the exception to throw; never null
     */
    public ProviderException fromHttp(int status, Headers headers, String body) {
        var error = ApiError.parse(body);
        var kind = kindFor(status, error.type());
        String text = error.message() != null
                ? error.message()
                : body.isBlank() ? "HTTP " + status + " with an empty body" : "HTTP " + status + ": " + body;
        var builder = ProviderException.builder(kind, VENDOR, clean(text)).status(status);
        if (error.type() != null) {
            builder.code(clean(error.type()));
        }
        requestId(headers).or(() -> Optional.ofNullable(error.requestId())).ifPresent(builder::requestId);
        if (kind.isTransient()) {
            retryAfter.from(headers).ifPresent(builder::retryAfter);
        }
        return builder.build();
    }

    /**
     * Maps an {@code error} event (or a 200 body of type {@code error}).
     *
     * @param envelope the event's data; never null
     * @param requestId the response's request id, if any
     * @return the exception to throw; never null
     */
    public ProviderException fromStreamError(JsonNode envelope, @Nullable String requestId) {
        var error = ApiError.of(envelope);
        String text = error.message() != null ? error.message() : "the stream reported an error";
        var builder =
                ProviderException.builder(kindForType(error.type()), VENDOR, clean("error after HTTP 200: " + text));
        if (error.type() != null) {
            builder.code(clean(error.type()));
        }
        String id = requestId != null ? requestId : error.requestId();
        if (id != null) {
            builder.requestId(id);
        }
        return builder.build();
    }

    /**
     * Maps an I/O failure: a timeout (OkHttp's read, write and call timeouts are all {@link InterruptedIOException}s)
     * to {@code TIMEOUT}, anything else (reset, refused, body cut off) to {@code CONNECTION}.
     *
     * @param failure the failure; never null
     * @param requestId the request id, if a response had started
     * @return the exception to throw; never null
     */
    public ProviderException fromIo(IOException failure, @Nullable String requestId) {
        var kind = failure instanceof InterruptedIOException ? ProviderErrorKind.TIMEOUT : ProviderErrorKind.CONNECTION;
        String detail = failure.getMessage() == null
                ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return with(ProviderException.builder(kind, VENDOR, clean(detail)).cause(failure), requestId);
    }

    /**
     * A stream that ended before {@code message_stop}.
     *
     * @param requestId the response's request id, if any
     * @return a {@code CONNECTION} exception; never null
     */
    public ProviderException incompleteStream(@Nullable String requestId) {
        return with(
                ProviderException.builder(
                        ProviderErrorKind.CONNECTION,
                        VENDOR,
                        "the stream ended before message_stop; the answer is incomplete"),
                requestId);
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
        if (cause != null) {
            builder.cause(cause);
        }
        return with(builder, requestId);
    }

    /**
     * A tool call cut off by {@code max_tokens}: its input is incomplete and must not be run. Terminal, since the
     * same request with the same limit would be cut off again.
     *
     * @param toolUseId the {@code tool_use} block's id; never null
     * @param name the tool's name; never null
     * @param requestId the response's request id, if any
     * @return an {@code INVALID_RESPONSE} exception with code {@code max_tokens}; never null
     */
    public ProviderException truncatedToolUse(String toolUseId, String name, @Nullable String requestId) {
        String message = "the input of tool call " + toolUseId + " (" + name + ") was cut off by max_tokens;"
                + " raise maxTokens";
        return with(
                ProviderException.builder(ProviderErrorKind.INVALID_RESPONSE, VENDOR, clean(message))
                        .code("max_tokens"),
                requestId);
    }

    /**
     * The model stopped with {@code stop_reason: refusal}.
     *
     * @param text what the model wrote before it stopped, possibly empty; never null
     * @param requestId the response's request id, if any
     * @return a {@code CONTENT_REFUSED} exception with code {@code refusal}; never null
     */
    public ProviderException refused(String text, @Nullable String requestId) {
        String message = text.isBlank() ? "the model refused to answer" : "the model refused: " + text;
        return with(
                ProviderException.builder(ProviderErrorKind.CONTENT_REFUSED, VENDOR, clean(message))
                        .code("refusal"),
                requestId);
    }

    /**
     * A request the Messages API cannot express, refused before anything is sent.
     *
     * @param message what is wrong and how to fix it; never null
     * @return a {@code BAD_REQUEST} exception without a status; never null
     */
    public ProviderException unsendable(String message) {
        return ProviderException.builder(ProviderErrorKind.BAD_REQUEST, VENDOR, clean(message))
                .build();
    }

    /**
     * The vendor's request id header, {@code request-id}.
     *
     * @param headers the response headers; never null
     * @return the id, if present and not blank
     */
    public static Optional<String> requestId(Headers headers) {
        String value = headers.get("request-id");
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * Removes the API key, and anything shaped like an Anthropic key, from a text.
     *
     * @param text any text; never null
     * @return the text without secrets; never null
     */
    public String redact(String text) {
        String result = apiKey.isEmpty() ? text : text.replace(apiKey, "[redacted]");
        return KEY_LIKE.matcher(result).replaceAll("sk-ant-[redacted]");
    }

    private String clean(String text) {
        String redacted = redact(text);
        return redacted.length() <= MAX_MESSAGE ? redacted : redacted.substring(0, MAX_MESSAGE) + "…";
    }

    private static ProviderException with(ProviderException.Builder builder, @Nullable String requestId) {
        if (requestId != null) {
            builder.requestId(requestId);
        }
        return builder.build();
    }
}
