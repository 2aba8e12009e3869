package dev.zupa.adapters.whatsappcloud;

import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.core.transport.TransportEvent;
import java.util.Set;

/**
 * What the runtime's deduplication gate does in front of the conversation: a message whose {@link
 * InboundMessage#dedupKey()} was stored before, or a status already seen for that wamid, goes no further. The key set
 * stands for the persistent store, so a test can hand the same set to a context of a "restarted" process.
 */
final class DeduplicatingContext implements TransportContext {
    private final Set<String> store;
    private final TransportContext downstream;

    DeduplicatingContext(Set<String> store, TransportContext downstream) {
        this.store = store;
        this.downstream = downstream;
    }

    @Override
    public void deliver(InboundMessage message) {
        if (store.add(message.dedupKey())) {
            downstream.deliver(message);
        }
    }

    @Override
    public void event(TransportEvent event) {
        if (!(event instanceof TransportEvent.DeliveryStatus status)
                || store.add("status/" + status.transportMessageId() + "/" + status.status())) {
            downstream.event(event);
        }
    }
}
