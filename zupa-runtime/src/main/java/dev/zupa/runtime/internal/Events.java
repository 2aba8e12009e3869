package dev.zupa.runtime.internal;

import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.AgentListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent's listeners; a listener that throws is logged and skipped. */
public final class Events {
    private static final Logger log = LoggerFactory.getLogger(Events.class);
    private final List<AgentListener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener. */
    public void add(AgentListener listener) {
        listeners.add(listener);
    }

    void emit(AgentEvent event) {
        for (var listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("an agent listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }
}
