package dev.zupa.engine.checkpoint;

/**
 * What made a checkpoint.
 *
 * @since 0.1
 */
public enum CheckpointSource {
    /** The input of a run, reduced into the state before any node ran. */
    INPUT,
    /** The end of a super-step. */
    LOOP,
    /** {@code Graph.updateState}: writes applied as if a node had made them. */
    UPDATE
}
