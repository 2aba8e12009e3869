package dev.zupa.runtime;

/**
 * Receives an agent's events. Called on the runtime's threads, possibly several at once: return quickly and do not
 * block. An exception thrown here is logged and otherwise ignored.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface AgentListener {

    /**
     * Receives one event.
     *
     * @param event the event; never null
     */
    void onEvent(AgentEvent event);
}
