package dev.zupa.adapters.whatsappcloud;

import dev.zupa.core.ZupaException;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.core.transport.TransportEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A context that records every delivery and event, thread-safe. {@link #failNextDeliveries(int)} makes deliveries
 * throw as a store that cannot write would; {@link #failEvents()} makes every event throw.
 */
final class RecordingTransportContext implements TransportContext {
    final List<InboundMessage> delivered = new CopyOnWriteArrayList<>();
    final List<TransportEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean failEvents;

    @Override
    public void deliver(InboundMessage message) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ZupaException("checkpoint store unavailable");
        }
        delivered.add(message);
    }

    @Override
    public void event(TransportEvent event) {
        if (failEvents) {
            throw new IllegalStateException("event listener bug");
        }
        events.add(event);
    }

    void failNextDeliveries(int count) {
        failures.set(count);
    }

    void failEvents() {
        failEvents = true;
    }

    List<String> deliveredIds() {
        return delivered.stream().map(InboundMessage::messageId).toList();
    }

    <T extends TransportEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
