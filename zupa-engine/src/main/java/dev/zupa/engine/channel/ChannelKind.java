package dev.zupa.engine.channel;

/**
 * How a channel merges the writes of one super-step into its value.
 *
 * <p>This set may grow; code that switches over it should keep a default branch.
 *
 * @since 0.1
 */
public enum ChannelKind {
    /** One writer per step; the write replaces the value. Two writes in one step are an error naming both nodes. */
    LAST_VALUE,
    /** Every write is folded into the value with a binary operator, in deterministic task order. */
    REDUCER,
    /** A list that grows: every write appends one item, in deterministic task order. Stored as increments. */
    APPENDER,
    /** A list holding the writes of the last step only; cleared after a step that does not write it. */
    TOPIC,
    /** Like {@link #LAST_VALUE}, but the value is seen only by the step after the write, then cleared. */
    EPHEMERAL,
    /** A list of messages merged by message id: a known id replaces, a removal removes. Stored as increments. */
    MESSAGES
}
