package dev.zupa.adapters.whatsappcloud.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.provider.RetryAfter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Turns Graph API failures into {@link ProviderException}s. Meta advises branching on the error {@code code}, not on
 * the HTTP status (mirrors disagree on 400 vs 429 for throttling) nor on the deprecated {@code error_subcode}, so the
 * {@link #KINDS table} decides by code and the HTTP status only classifies codes the table does not know.
 */
public final class GraphErrors {
    /** The vendor name in every exception. */
    public static final String VENDOR = "whatsapp-cloud";

    /** More than 24 hours since the user's last message: only templates may be sent. */
    public static final int REPLY_WINDOW_CLOSED = 131047;

    /** The pair rate limit (one sender to one recipient too fast). */
    public static final int PAIR_RATE_LIMIT = 131056;

    /** Meta's documented pace for one sender and one recipient, used when a pair-limit error has no retry-after. */
    public static final Duration PAIR_RATE_PACE = Duration.ofSeconds(6);

    /** The Graph error codes this adapter classifies, with their kind; PROVIDERS.md section 3.7. */
    public static final Map<Integer, ProviderErrorKind> KINDS = Map.ofEntries(
            // throughput per number, pair rate, app / user / custom / WABA call-rate limits: wait and retry
            Map.entry(130429, ProviderErrorKind.RATE_LIMITED),
            Map.entry(PAIR_RATE_LIMIT, ProviderErrorKind.RATE_LIMITED),
            Map.entry(4, ProviderErrorKind.RATE_LIMITED),
            Map.entry(17, ProviderErrorKind.RATE_LIMITED),
            Map.entry(613, ProviderErrorKind.RATE_LIMITED),
            Map.entry(80007, ProviderErrorKind.RATE_LIMITED),
            // spam (quality) rate limit: retrying soon makes it worse
            Map.entry(131048, ProviderErrorKind.QUOTA_EXHAUSTED),
            // outside the 24-hour window, undeliverable, invalid parameter values
            Map.entry(REPLY_WINDOW_CLOSED, ProviderErrorKind.BAD_REQUEST),
            Map.entry(131026, ProviderErrorKind.BAD_REQUEST),
            Map.entry(131009, ProviderErrorKind.BAD_REQUEST),
            Map.entry(100, ProviderErrorKind.BAD_REQUEST),
            // Meta chose not to deliver (ecosystem protection)
            Map.entry(131049, ProviderErrorKind.CONTENT_REFUSED),
            // access token expired or invalid
            Map.entry(190, ProviderErrorKind.AUTHENTICATION),
            Map.entry(0, ProviderErrorKind.AUTHENTICATION),
            // unknown error, service temporarily unavailable
            Map.entry(1, ProviderErrorKind.UNAVAILABLE),
            Map.entry(2, ProviderErrorKind.UNAVAILABLE));

    private static final int MAX_MESSAGE = 500;

    private final String accessToken;
    private final Clock clock;

    /**
     * A mapper that removes the access token from every message it builds.
     *
     * @param accessToken the token; never null
     * @param clock the clock that turns a {@code Retry-After} date into a wait; never null
     */
    public GraphErrors(String accessToken, Clock clock) {
        this.accessToken = accessToken;
        this.clock = clock;
    }

    /**
     * The kind of a Graph error: by code when the table knows it, else by HTTP status.
     *
     * @param status the HTTP status, or 0 when the error arrived without one (a status webhook)
     * @param code the Graph error code, if the body had one
     * @return the kind; never null
     */
    public static ProviderErrorKind kindFor(int status, @Nullable Integer code) {
        if (code != null && KINDS.containsKey(code)) {
            return KINDS.get(code);
        }
        if (status == 401 || status == 403) {
            return ProviderErrorKind.AUTHENTICATION;
        }
        if (status == 408) {
            return ProviderErrorKind.TIMEOUT;
        }
        if (status == 429) {
            return ProviderErrorKind.RATE_LIMITED;
        }
        if (status >= 500) {
            return ProviderErrorKind.UNAVAILABLE;
        }
        if (status >= 400) {
            return ProviderErrorKind.BAD_REQUEST;
        }
        return ProviderErrorKind.INVALID_RESPONSE;
    }

    /**
     * Maps a response whose status is not 2xx.
     *
     * @param status the HTTP status
     * @param headers the response headers
     * @param body the start of the response body, possibly empty or not JSON
     * @return the exception to throw; never null
     */
    public ProviderException fromHttp(int status, Headers headers, String body) {
        var error = parse(body);
        Integer code = error == null ? null : code(error);
        var kind = kindFor(status, code);
        String text = error == null ? fallbackText(status, body) : describe(error, status);
        var builder = ProviderException.builder(kind, VENDOR, clean(text)).status(status);
        if (code != null) {
            builder.code(String.valueOf(code));
        }
        String trace = error == null ? null : Json.text(error, "fbtrace_id");
        if (trace == null) {
            trace = headers.get("x-fb-trace-id");
        }
        if (trace != null && !trace.isBlank()) {
            builder.requestId(clean(trace));
        }
        if (kind.isTransient()) {
            retryAfter(headers)
                    .or(() -> code != null && code == PAIR_RATE_LIMIT ? Optional.of(PAIR_RATE_PACE) : Optional.empty())
                    .ifPresent(builder::retryAfter);
        }
        return builder.build();
    }

    /**
     * Maps an I/O failure: a timeout to {@code TIMEOUT}, anything else to {@code CONNECTION}.
     *
     * @param failure the failure; never null
     * @return the exception to throw; never null
     */
    public ProviderException fromIo(IOException failure) {
        boolean timeout = failure instanceof SocketTimeoutException || failure instanceof InterruptedIOException;
        var kind = timeout ? ProviderErrorKind.TIMEOUT : ProviderErrorKind.CONNECTION;
        String detail = failure.getMessage() == null
                ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return ProviderException.builder(kind, VENDOR, clean(detail))
                .cause(failure)
                .build();
    }

    /**
     * A failure of a kind the adapter detected itself (a malformed answer, media too large, a hash mismatch).
     *
     * @param kind the kind; never null
     * @param message what is wrong; never null
     * @param cause the underlying failure, if any
     * @return the exception; never null
     */
    public ProviderException failure(ProviderErrorKind kind, String message, @Nullable Throwable cause) {
        var builder = ProviderException.builder(kind, VENDOR, clean(message));
        if (cause != null) {
            builder.cause(cause);
        }
        return builder.build();
    }

    /**
     * Removes the access token from a text.
     *
     * @param text any text; never null
     * @return the text without the token; never null
     */
    public String redact(String text) {
        return accessToken.isEmpty() ? text : text.replace(accessToken, "[redacted]");
    }

    /**
     * The wait a response asks for in {@code Retry-After}: seconds, or an HTTP date.
     *
     * @param headers the response headers; never null
     * @return the wait, if the response gave a usable one
     */
    public Optional<Duration> retryAfter(Headers headers) {
        return RetryAfter.parse(null, headers.get("retry-after"), clock);
    }

    /**
     * The numeric {@code code} of a Graph error object.
     *
     * @param error the error object
     * @return the code, or null when absent or not a number
     */
    public static @Nullable Integer code(JsonNode error) {
        var code = error.get("code");
        if (code == null) {
            return null;
        }
        if (code.canConvertToInt()) {
            return code.intValue();
        }
        try {
            return code.isTextual() ? Integer.valueOf(code.asText().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The text of a Graph error object: its message (or title) and {@code error_data.details}.
     *
     * @param error the error object
     * @return the description; never null
     */
    public static String describe(JsonNode error) {
        String message = Json.text(error, "message");
        if (message == null) {
            message = Json.text(error, "title");
        }
        String details = Json.text(error.get("error_data"), "details");
        if (message == null) {
            return details == null ? "no error message" : details;
        }
        return details == null || details.equals(message) ? message : message + ": " + details;
    }

    private static String describe(JsonNode error, int status) {
        String text = describe(error);
        return "no error message".equals(text) ? "HTTP " + status + " without an error message" : text;
    }

    private static @Nullable JsonNode parse(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            var root = Json.MAPPER.readTree(body);
            var error = root == null ? null : root.get("error");
            return error != null && error.isObject() ? error : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String fallbackText(int status, String body) {
        return body.isBlank() ? "HTTP " + status + " with an empty body" : "HTTP " + status + ": " + body.strip();
    }

    private String clean(String text) {
        String redacted = redact(text);
        return redacted.length() <= MAX_MESSAGE ? redacted : redacted.substring(0, MAX_MESSAGE) + "…";
    }

    @Override
    public String toString() {
        return "GraphErrors[accessToken=[redacted]]";
    }
}
