package dev.zupa.runtime.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * When a provider's circuit breaker opens and for how long. Only transient failures (rate limited, timeout,
 * unavailable, overloaded, connection) count: a bad request says nothing about the provider's health.
 *
 * @param enabled whether the provider has a breaker at all
 * @param failureRatePercent the share of failed calls, in percent (1 to 100), at which the breaker opens
 * @param windowSize how many of the most recent calls the failure rate is computed over
 * @param minimumCalls how many calls the window must hold before the rate counts
 * @param openFor how long the breaker stays open before it lets trial calls through
 * @param halfOpenCalls how many trial calls decide whether it closes again
 * @since 0.1
 */
public record BreakerPolicy(
        boolean enabled,
        int failureRatePercent,
        int windowSize,
        int minimumCalls,
        Duration openFor,
        int halfOpenCalls) {

    /** Validates the policy. */
    public BreakerPolicy {
        if (failureRatePercent < 1 || failureRatePercent > 100) {
            throw new IllegalArgumentException("failureRatePercent must be 1 to 100, got " + failureRatePercent);
        }
        if (windowSize < 1) {
            throw new IllegalArgumentException("windowSize must be positive, got " + windowSize);
        }
        if (minimumCalls < 1 || minimumCalls > windowSize) {
            throw new IllegalArgumentException(
                    "minimumCalls must be 1 to windowSize (" + windowSize + "), got " + minimumCalls);
        }
        Objects.requireNonNull(openFor, "openFor");
        if (openFor.isZero() || openFor.isNegative()) {
            throw new IllegalArgumentException("openFor must be positive, got " + openFor);
        }
        if (halfOpenCalls < 1) {
            throw new IllegalArgumentException("halfOpenCalls must be positive, got " + halfOpenCalls);
        }
    }

    /**
     * The default: opens when half of the last 20 calls (at least 10) failed, stays open 30 seconds, then 3 trial
     * calls decide.
     *
     * @return the default policy; never null
     */
    public static BreakerPolicy defaults() {
        return new BreakerPolicy(true, 50, 20, 10, Duration.ofSeconds(30), 3);
    }

    /**
     * No breaker: every call goes to the provider.
     *
     * @return a disabled policy; never null
     */
    public static BreakerPolicy disabled() {
        var defaults = defaults();
        return new BreakerPolicy(
                false,
                defaults.failureRatePercent,
                defaults.windowSize,
                defaults.minimumCalls,
                defaults.openFor,
                defaults.halfOpenCalls);
    }
}
