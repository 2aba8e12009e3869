package dev.zupa.engine.internal;

import dev.zupa.engine.event.RunEvent;
import dev.zupa.engine.event.RunListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to listeners; a listener that throws is logged and skipped, never breaking the run. */
final class Emitter {
    private static final Logger log = LoggerFactory.getLogger(Emitter.class);
    private final List<RunListener> listeners;

    Emitter(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    boolean active() {
        return !listeners.isEmpty();
    }

    void emit(RunEvent event) {
        for (var listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                log.warn(
                        "run listener {} failed on {}; the run goes on",
                        listener,
                        event.getClass().getSimpleName(),
                        e);
            }
        }
    }
}
