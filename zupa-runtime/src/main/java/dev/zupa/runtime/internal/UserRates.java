package dev.zupa.runtime.internal;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Resilience4j rate limiter per user, forgotten once its user has been quiet for longer than one refresh period:
 * such a limiter has all its permits back, so a new one is the same, and idle users cost no heap.
 */
final class UserRates {
    /** How many acquisitions pass between sweeps of quiet users. */
    private static final int SWEEP_EVERY = 4096;

    private record Entry(RateLimiter limiter, AtomicLong lastUsedNanos) {}

    private final RateLimiterConfig config;
    private final long quietNanos;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong acquisitions = new AtomicLong();

    UserRates(int perMinute) {
        var period = Duration.ofMinutes(1);
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(perMinute)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build();
        this.quietNanos = period.toNanos() * 2;
    }

    /** Takes one permit for this user; false when the user is over the rate. */
    boolean tryAcquire(String user) {
        long now = System.nanoTime();
        var entry =
                entries.computeIfAbsent(user, k -> new Entry(RateLimiter.of("zupa-user", config), new AtomicLong(now)));
        entry.lastUsedNanos().set(now);
        if (acquisitions.incrementAndGet() % SWEEP_EVERY == 0) {
            entries.values().removeIf(e -> now - e.lastUsedNanos().get() > quietNanos);
        }
        return entry.limiter().acquirePermission();
    }

    /** How many users have a limiter now. */
    int size() {
        return entries.size();
    }
}
