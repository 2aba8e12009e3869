package dev.zupa.core.provider;

/**
 * What went wrong in a call to a provider (a model, speech service, messaging API or tool), in terms that decide
 * what to do next: a transient error may succeed when tried again, a terminal one will not.
 *
 * <p>This set may grow; code that switches over it should keep a default branch.
 *
 * @since 0.1
 */
public enum ProviderErrorKind {
    /** Too many requests; may carry a {@code retry-after}. Transient. */
    RATE_LIMITED(true),
    /** The call took longer than its timeout and was cancelled. Transient. */
    TIMEOUT(true),
    /** The provider answered 5xx or is down. Transient. */
    UNAVAILABLE(true),
    /** The provider says it is overloaded (Anthropic 529, OpenAI 503 "overloaded"). Transient. */
    OVERLOADED(true),
    /** The connection failed or was reset before a complete answer. Transient. */
    CONNECTION(true),
    /** The credentials were refused (401, 403). Terminal. */
    AUTHENTICATION(false),
    /** The request itself is wrong (400, 404, 422). Terminal. */
    BAD_REQUEST(false),
    /** The account's quota or credit is used up (OpenAI 429 {@code insufficient_quota}). Terminal. */
    QUOTA_EXHAUSTED(false),
    /** The provider refused the content (safety filter, refusal). Terminal. */
    CONTENT_REFUSED(false),
    /** The answer could not be understood (malformed JSON, missing fields). Terminal. */
    INVALID_RESPONSE(false);

    private final boolean transientError;

    ProviderErrorKind(boolean transientError) {
        this.transientError = transientError;
    }

    /**
     * Whether trying again may succeed.
     *
     * @return true for transient kinds
     */
    public boolean isTransient() {
        return transientError;
    }
}
