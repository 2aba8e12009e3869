package dev.zupa.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it, for timeouts, idle sessions and checkpoint timestamps
 * without sleeping.
 *
 * <p>Thread-safe: the time may be set or advanced from one thread while others read it. Clocks made by
 * {@link #withZone(ZoneId)} share the time of the clock they were made from.
 *
 * @since 0.1
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * A clock in UTC at a given instant.
     *
     * @param start the time the clock shows until it is moved; never null
     * @return a new clock; never null
     */
    public static ManualClock of(Instant start) {
        return of(start, ZoneOffset.UTC);
    }

    /**
     * A clock in a zone at a given instant.
     *
     * @param start the time the clock shows until it is moved; never null
     * @param zone the clock's zone; never null
     * @return a new clock; never null
     */
    public static ManualClock of(Instant start, ZoneId zone) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(zone, "zone");
        return new ManualClock(new AtomicReference<>(start), zone);
    }

    /**
     * Moves the clock forward.
     *
     * @param amount how far; never null, not negative
     * @return the new time; never null
     * @throws IllegalArgumentException when the amount is negative
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        return now.updateAndGet(t -> t.plus(amount));
    }

    /**
     * Sets the time, forward or back.
     *
     * @param instant the new time; never null
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * The current time of this clock.
     *
     * @return the instant last set or advanced to; never null
     */
    @Override
    public Instant instant() {
        return now.get();
    }

    /**
     * The zone of this clock.
     *
     * @return the zone; never null
     */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * A view of this clock in another zone: moving either moves both.
     *
     * @param zone the zone; never null
     * @return a clock sharing this clock's time; never null
     */
    @Override
    public ManualClock withZone(ZoneId zone) {
        return new ManualClock(now, Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + ", " + zone + "]";
    }
}
