package dev.zupa.adapters.anthropic.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Reads how long a response asks the caller to wait, with the clock of the model: Anthropic sends {@code
 * retry-after} in whole seconds, and a gateway in front of the API may send {@code retry-after-ms}, a fraction or an
 * HTTP date, all of which {@link dev.zupa.core.provider.RetryAfter} reads. Thread-safe.
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
        return dev.zupa.core.provider.RetryAfter.parse(
                headers.get("retry-after-ms"), headers.get("retry-after"), clock);
    }
}
