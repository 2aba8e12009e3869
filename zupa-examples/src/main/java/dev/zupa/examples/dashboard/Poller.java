package dev.zupa.examples.dashboard;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Polls the management API on a virtual thread of its own, so that a slow or unreachable server never freezes the
 * keyboard: every interval, and at once after a key asks for something (a session's ledger, pausing). It keeps the
 * last good answers, and a failure only sets the status line until the next poll succeeds. Thread-safe.
 */
final class Poller implements AutoCloseable {
    /** What the terminal's thread asks of the poller. */
    private enum Request {
        REFRESH,
        TOGGLE_PAUSE,
        STOP
    }

    private final ManagementClient client;
    private final Duration interval;
    private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final AtomicLong version = new AtomicLong();
    private final Thread thread;
    private volatile Snapshot snapshot = Snapshot.NONE;
    private volatile @Nullable SessionDetail detail;
    private volatile @Nullable SessionRow following;
    private volatile String status = "";

    Poller(ManagementClient client, Duration interval) {
        this.client = client;
        this.interval = interval;
        this.thread = Thread.ofVirtual().name("zupa-dashboard-poller").unstarted(this::loop);
    }

    Poller start() {
        thread.start();
        return this;
    }

    /** Changes whenever something new can be drawn. */
    long version() {
        return version.get();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    @Nullable
    SessionDetail detail() {
        return detail;
    }

    String status() {
        return status;
    }

    /** Fetches this session's ledger at every poll from now on, starting now; null stops. */
    void follow(@Nullable SessionRow session) {
        if (!Objects.equals(session, following)) {
            following = session;
            requests.add(Request.REFRESH);
        }
    }

    void togglePause() {
        requests.add(Request.TOGGLE_PAUSE);
    }

    private void loop() {
        try {
            while (true) {
                var request = requests.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
                if (request == Request.STOP) {
                    return;
                }
                poll(request == Request.TOGGLE_PAUSE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll(boolean togglePause) {
        try {
            if (togglePause) {
                client.pause(!snapshot.paused());
            }
            snapshot = client.snapshot(snapshot);
            var session = following;
            detail = session == null ? null : client.session(session);
            status = "";
        } catch (ApiException e) {
            status = e.getMessage() + " (retrying every " + interval.toSeconds() + " s)";
        }
        version.incrementAndGet();
    }

    @Override
    public void close() {
        requests.add(Request.STOP);
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
