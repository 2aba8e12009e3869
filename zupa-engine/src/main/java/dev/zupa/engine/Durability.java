package dev.zupa.engine;

/**
 * When a run's checkpoints reach the store.
 *
 * @since 0.1
 */
public enum Durability {
    /** Each step's checkpoint is stored before the next step starts (the default). A crash loses no finished step. */
    SYNC,
    /** Each step's checkpoint is stored while the next step runs; the run waits for all of them before it returns. */
    ASYNC,
    /** Only the run's last checkpoint is stored, when it completes, pauses or fails. A crash loses the whole run. */
    EXIT
}
