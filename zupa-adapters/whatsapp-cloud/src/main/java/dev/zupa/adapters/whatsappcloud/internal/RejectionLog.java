package dev.zupa.adapters.whatsappcloud.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs rejected webhook requests (bad signature, wrong verify token) at WARN at most once a minute, with the count
 * of those in between, so that a flood of forged requests cannot flood the log; every rejection is logged at DEBUG.
 * Nothing of the request is logged but the reason.
 */
public final class RejectionLog {
    private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable Instant nextWarning;
    private long suppressed;

    /**
     * A log.
     *
     * @param clock the clock that spaces the warnings; never null
     */
    public RejectionLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records a rejection.
     *
     * @param status the HTTP status answered
     * @param reason why, without any part of the request; never null
     */
    public void rejected(int status, String reason) {
        LOG.debug("rejected a webhook request with {}: {}", status, reason);
        Instant now = clock.instant();
        long skipped;
        lock.lock();
        try {
            if (nextWarning != null && now.isBefore(nextWarning)) {
                suppressed++;
                return;
            }
            nextWarning = now.plus(EVERY);
            skipped = suppressed;
            suppressed = 0;
        } finally {
            lock.unlock();
        }
        LOG.warn(
                "rejected a webhook request with {}: {} ({} more rejected since the last warning)",
                status,
                reason,
                skipped);
    }
}
