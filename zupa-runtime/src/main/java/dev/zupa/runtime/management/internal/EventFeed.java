package dev.zupa.runtime.management.internal;

import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.AgentListener;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the agents' events out to the {@code /events} streams. Each subscriber has a bounded queue; one that falls
 * behind by more than a thousand events is dropped (its stream ends and the browser reconnects) rather than slowing
 * the agent, whose threads call the listener. Thread-safe.
 */
public final class EventFeed {
    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);
    private static final int BACKLOG = 1_000;

    private final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** One stream's queue of JSON lines. */
    static final class Subscription {
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(BACKLOG);
        private volatile boolean dropped;

        /** The next event, waiting at most {@code wait}; empty on timeout. */
        Optional<String> next(Duration wait) throws InterruptedException {
            return Optional.ofNullable(queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
        }

        /** Whether the stream must end: it fell behind, or the feed closed. */
        boolean dropped() {
            return dropped;
        }
    }

    /** A listener for one agent's events. */
    public AgentListener listenerFor(String agent) {
        return event -> publish(agent, event);
    }

    private void publish(String agent, AgentEvent event) {
        if (closed || subscribers.isEmpty()) {
            return;
        }
        var json = Json.event(agent, event);
        for (var subscription : subscribers) {
            if (!subscription.queue.offer(json)) {
                log.warn("an /events stream fell {} events behind and was dropped", BACKLOG);
                subscription.dropped = true;
                subscribers.remove(subscription);
            }
        }
    }

    Subscription subscribe() {
        var subscription = new Subscription();
        if (closed) {
            subscription.dropped = true;
        } else {
            subscribers.add(subscription);
        }
        return subscription;
    }

    void unsubscribe(Subscription subscription) {
        subscribers.remove(subscription);
    }

    /** Ends every stream; later events are not published. */
    public void close() {
        closed = true;
        subscribers.forEach(s -> s.dropped = true);
        subscribers.clear();
    }
}
