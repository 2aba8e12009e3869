package dev.zupa.runtime;

import java.util.Objects;
import java.util.Optional;

/**
 * The fixed texts an agent sends when it cannot answer normally.
 *
 * @param fallback sent once when a turn fails (model unavailable, tool rounds exhausted); never blank
 * @param rateLimited sent to a user over the per-user rate; never blank
 * @param overloaded sent to a message rejected for overload, when set (nothing is sent otherwise); never null
 * @param restricted sent to a sender other than the single allowed user; never blank
 * @param silentVoice sent, as text and without calling the model, when everything the user sent in a turn is voice
 *     notes transcribed to no words (silence, noise), asking them to say it again; never blank
 * @since 0.1
 */
public record Replies(
        String fallback, String rateLimited, Optional<String> overloaded, String restricted, String silentVoice) {

    private static final String DEFAULT_SILENT_VOICE =
            "Sorry, I could not hear anything in your voice message. Could you say it again, or type it?";

    /** Validates the texts. */
    public Replies {
        nonBlank(fallback, "fallback");
        nonBlank(rateLimited, "rateLimited");
        Objects.requireNonNull(overloaded, "overloaded");
        nonBlank(restricted, "restricted");
        overloaded.ifPresent(o -> nonBlank(o, "overloaded"));
        nonBlank(silentVoice, "silentVoice");
    }

    /**
     * Replies with the default English {@link #silentVoice()} text, for code written before it existed.
     *
     * @param fallback see {@link #fallback()}; never blank
     * @param rateLimited see {@link #rateLimited()}; never blank
     * @param overloaded see {@link #overloaded()}; never null
     * @param restricted see {@link #restricted()}; never blank
     */
    public Replies(String fallback, String rateLimited, Optional<String> overloaded, String restricted) {
        this(fallback, rateLimited, overloaded, restricted, DEFAULT_SILENT_VOICE);
    }

    /**
     * English defaults, with no overload reply.
     *
     * @return the defaults; never null
     */
    public static Replies defaults() {
        return new Replies(
                "Sorry, something went wrong on my side. Please try again in a moment.",
                "You are sending messages faster than I can answer. Please slow down a little.",
                Optional.empty(),
                "Sorry, this assistant is restricted to a single user.",
                DEFAULT_SILENT_VOICE);
    }

    /**
     * A copy with another fallback reply.
     *
     * @param text the text; never blank
     * @return the copy; never null
     */
    public Replies withFallback(String text) {
        return new Replies(text, rateLimited, overloaded, restricted, silentVoice);
    }

    /**
     * A copy with another rate-limit reply.
     *
     * @param text the text; never blank
     * @return the copy; never null
     */
    public Replies withRateLimited(String text) {
        return new Replies(fallback, text, overloaded, restricted, silentVoice);
    }

    /**
     * A copy with an overload reply.
     *
     * @param text the text; never blank
     * @return the copy; never null
     */
    public Replies withOverloaded(String text) {
        return new Replies(fallback, rateLimited, Optional.of(text), restricted, silentVoice);
    }

    /**
     * A copy with another reply to voice notes that were transcribed to no words.
     *
     * @param text the text; never blank
     * @return the copy; never null
     */
    public Replies withSilentVoice(String text) {
        return new Replies(fallback, rateLimited, overloaded, restricted, text);
    }

    private static void nonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
