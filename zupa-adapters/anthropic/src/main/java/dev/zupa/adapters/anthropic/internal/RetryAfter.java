package dev.zupa.adapters.anthropic.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Reads how long a response asks the caller to wait. Anthropic sends {@code retry-after} in whole seconds; its SDKs
 * also accept {@code retry-after-ms}, a fractional number of seconds and an HTTP date, and so does this reader, since
 * a gateway in front of the API may send any of them. Unusable or negative values are ignored. Thread-safe.
 */
public final class RetryAfter {
    private final Clock clock;

    /**
     * Creates a reader.
     *
     * @param clock turns an HTTP date into a wait; never null
     */
    public RetryAfter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The wait: {@code retry-after-ms} (milliseconds) first, else {@code retry-after} (seconds or an HTTP date).
     *
     * @param headers the response headers; never null
     * @return the wait, if the response gave a usable one
     */
    public Optional<Duration> from(Headers headers) {
        var millis = number(headers.get("retry-after-ms"));
        if (millis.isPresent()) {
            return millis.map(ms -> Duration.ofNanos(Math.round(ms * 1e6)));
        }
        String value = headers.get("retry-after");
        if (value == null) {
            return Optional.empty();
        }
        var seconds = number(value);
        if (seconds.isPresent()) {
            return seconds.map(s -> Duration.ofNanos(Math.round(s * 1e9)));
        }
        try {
            var date = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            var wait = Duration.between(clock.instant(), date.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> number(@Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            return Double.isFinite(parsed) && parsed >= 0 ? Optional.of(parsed) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
