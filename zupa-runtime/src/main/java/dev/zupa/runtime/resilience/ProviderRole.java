package dev.zupa.runtime.resilience;

/**
 * The kinds of provider an agent calls, each with its own {@link CallPolicy}.
 *
 * <p>This set may grow; a {@code switch} over it should have a {@code default} branch.
 *
 * @since 0.1
 */
public enum ProviderRole {
    /** The chat model. */
    MODEL("model"),
    /** Transcription of voice notes. */
    SPEECH_TO_TEXT("speech-to-text"),
    /** Synthesis of voice replies. */
    TEXT_TO_SPEECH("text-to-speech"),
    /** Sending replies and downloading media through the transport. */
    TRANSPORT("transport"),
    /** The agent's tools; each tool has a breaker of its own, named {@code tool:<name>}. */
    TOOL("tool");

    private final String label;

    ProviderRole(String label) {
        this.label = label;
    }

    /**
     * The name used for this role's breaker, events and metrics.
     *
     * @return a lower-case name such as {@code model}; never null
     */
    public String label() {
        return label;
    }
}
