package dev.zupa.adapters.whatsappweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.core.transport.TransportEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** A {@link TransportContext} that queues what it receives, for tests to take in order. */
final class RecordingContext implements TransportContext {
    private static final long WAIT_SECONDS = 15;

    private final BlockingQueue<InboundMessage> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<TransportEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void deliver(InboundMessage message) {
        messages.add(message);
    }

    private final AtomicReference<Predicate<TransportEvent>> failOnce = new AtomicReference<>(event -> false);

    @Override
    public void event(TransportEvent event) {
        var failing = failOnce.get();
        if (failing.test(event) && failOnce.compareAndSet(failing, ignored -> false)) {
            throw new IllegalStateException("the runtime failed on " + event);
        }
        events.add(event);
    }

    /** Makes {@link #event} throw, instead of recording it, for the first event that matches. */
    void failOnce(Predicate<TransportEvent> matching) {
        failOnce.set(matching);
    }

    InboundMessage nextMessage() {
        return take(messages, "a message");
    }

    TransportEvent nextEvent() {
        return take(events, "an event");
    }

    <T extends TransportEvent> T nextEvent(Class<T> type) {
        var event = nextEvent();
        assertThat(event).isInstanceOf(type);
        return type.cast(event);
    }

    /** Events up to and including the first of a type. */
    List<TransportEvent> eventsUntil(Class<? extends TransportEvent> type) {
        var seen = new ArrayList<TransportEvent>();
        TransportEvent event;
        do {
            event = nextEvent();
            seen.add(event);
        } while (!type.isInstance(event));
        return seen;
    }

    List<TransportEvent> pendingEvents() {
        var pending = new ArrayList<TransportEvent>();
        events.drainTo(pending);
        return pending;
    }

    List<InboundMessage> pendingMessages() {
        var pending = new ArrayList<InboundMessage>();
        messages.drainTo(pending);
        return pending;
    }

    private static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            var item = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (item == null) {
                fail("no " + what + " within " + WAIT_SECONDS + " s");
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }
}
