package dev.zupa.core.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads how long a provider asks the caller to wait before trying again, from the headers adapters see: {@code
 * retry-after-ms} (milliseconds, sent by OpenAI and by gateways) first, else {@code retry-after} in seconds (a
 * fraction allowed) or as an HTTP date. Unusable or negative values are ignored; a date in the past is no wait.
 *
 * @since 0.1
 */
public final class RetryAfter {
    private RetryAfter() {}

    /**
     * The wait the headers ask for.
     *
     * @param retryAfterMs the {@code retry-after-ms} header, or null when absent
     * @param retryAfter the {@code retry-after} header, or null when absent
     * @param clock turns an HTTP date into a wait; never null
     * @return the wait, when a header gave a usable one
     */
    public static Optional<Duration> parse(@Nullable String retryAfterMs, @Nullable String retryAfter, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        var millis = number(retryAfterMs);
        if (millis.isPresent()) {
            return millis.map(ms -> Duration.ofNanos(Math.round(ms * 1_000_000d)));
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        var seconds = number(retryAfter);
        if (seconds.isPresent()) {
            return seconds.map(s -> Duration.ofNanos(Math.round(s * 1_000_000_000d)));
        }
        try {
            var date = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
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
