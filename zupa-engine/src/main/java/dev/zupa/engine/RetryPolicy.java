package dev.zupa.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * How often a failing node is tried again, and how long to wait in between: exponential backoff with jitter, for
 * the exceptions the policy accepts only.
 *
 * @param maxAttempts the number of attempts in all, at least 1
 * @param initialBackoff the wait before the second attempt; never null, not negative
 * @param multiplier how much each further wait grows, at least 1
 * @param maxBackoff the longest wait; never null, not shorter than {@code initialBackoff}
 * @param jitter the random share of each wait, from 0 (none) to 1 (anything between zero and the wait)
 * @param retryOn which failures are retried; never null
 * @since 0.1
 */
public record RetryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        double multiplier,
        Duration maxBackoff,
        double jitter,
        Predicate<Throwable> retryOn) {

    /** Validates the components. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(retryOn, "retryOn");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "backoff must satisfy 0 <= initial <= max, was initial=" + initialBackoff + " max=" + maxBackoff);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
    }

    /**
     * No retry: one attempt.
     *
     * @return the policy; never null
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO, 0, t -> false);
    }

    /**
     * Retries any exception up to {@code maxAttempts} in all, waiting 100 ms, then twice as long each time up to
     * 10 s, with 20% jitter.
     *
     * @param maxAttempts attempts in all, at least 1
     * @return the policy; never null
     */
    public static RetryPolicy attempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ofMillis(100), 2, Duration.ofSeconds(10), 0.2, t -> true);
    }

    /**
     * A copy that retries only what the predicate accepts.
     *
     * @param predicate which failures to retry; never null
     * @return the new policy; never null
     */
    public RetryPolicy retryOn(Predicate<Throwable> predicate) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, predicate);
    }

    /**
     * A copy that retries only exceptions of these types (and their subtypes).
     *
     * @param types the exception types; never null
     * @return the new policy; never null
     */
    @SafeVarargs
    public final RetryPolicy retryOn(Class<? extends Throwable>... types) {
        var copy = types.clone();
        return retryOn(t -> {
            for (var type : copy) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * A copy with other waits.
     *
     * @param initial the first wait; never null
     * @param multiplier growth per attempt, at least 1
     * @param max the longest wait; never null
     * @param jitter random share, 0 to 1
     * @return the new policy; never null
     */
    public RetryPolicy backoff(Duration initial, double multiplier, Duration max, double jitter) {
        return new RetryPolicy(maxAttempts, initial, multiplier, max, jitter, retryOn);
    }

    /**
     * The wait before attempt {@code attempt + 1}, jitter applied.
     *
     * @param attempt the attempt that just failed, from 1
     * @return the wait; never null
     */
    public Duration delayAfter(int attempt) {
        double base = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, maxBackoff.toNanos());
        double withJitter = capped * (1 - jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofNanos((long) withJitter);
    }
}
