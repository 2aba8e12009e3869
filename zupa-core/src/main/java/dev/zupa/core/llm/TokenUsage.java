package dev.zupa.core.llm;

/**
 * Tokens a call consumed, as the vendor counted them.
 *
 * @param inputTokens tokens of the request, zero or more
 * @param outputTokens tokens of the answer, zero or more
 * @since 0.1
 */
public record TokenUsage(long inputTokens, long outputTokens) {
    /** Validates the counts. */
    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException(
                    "token counts must not be negative, were " + inputTokens + " and " + outputTokens);
        }
    }

    /**
     * No tokens (for a vendor that reports none).
     *
     * @return zero usage; never null
     */
    public static TokenUsage none() {
        return new TokenUsage(0, 0);
    }

    /**
     * Input and output together.
     *
     * @return the total
     */
    public long total() {
        return inputTokens + outputTokens;
    }
}
