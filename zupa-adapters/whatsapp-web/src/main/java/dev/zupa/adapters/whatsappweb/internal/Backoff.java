package dev.zupa.adapters.whatsappweb.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential restart delays: {@code initial}, twice that, four times, … never more than {@code max}.
 *
 * @param initial the delay before the first restart; positive
 * @param max the longest delay; not shorter than {@code initial}
 */
public record Backoff(Duration initial, Duration max) {
    /** Validates the delays. */
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("the initial restart delay must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "the longest restart delay (" + max + ") must not be shorter than the first (" + initial + ")");
        }
    }

    /**
     * The delay before a restart.
     *
     * @param attempt how many runs in a row ended before becoming ready, from 1
     * @return the delay; never null
     */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        var delay = initial;
        // Doubling stops at max, so the loop is short and never overflows.
        for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
