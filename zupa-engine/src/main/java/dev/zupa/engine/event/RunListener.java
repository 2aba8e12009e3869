package dev.zupa.engine.event;

/**
 * Receives a run's events as they happen, on the thread that produced them (task events come from the task's
 * virtual thread), so an implementation must be thread-safe and quick. A listener that throws is logged and
 * ignored; it never breaks a run.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RunListener {
    /**
     * Called for each event.
     *
     * @param event the event; never null
     */
    void onEvent(RunEvent event);
}
