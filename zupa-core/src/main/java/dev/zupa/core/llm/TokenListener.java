package dev.zupa.core.llm;

/**
 * Receives the text of a streamed model answer piece by piece.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TokenListener {
    /**
     * One piece of text, in order.
     *
     * @param text the piece; never null or empty
     */
    void onToken(String text);
}
