package dev.zupa.core.llm;

/**
 * Why the model stopped.
 *
 * <p>This set may grow; code that switches over it should keep a default branch.
 *
 * @since 0.1
 */
public enum FinishReason {
    /** It finished its answer. */
    STOP,
    /** It wants tools called; the message holds the calls. */
    TOOL_CALLS,
    /** It hit the output token limit; the text is cut off. */
    LENGTH,
    /** The vendor's content filter stopped it. */
    CONTENT_FILTER,
    /** Anything else the vendor reported. */
    OTHER
}
