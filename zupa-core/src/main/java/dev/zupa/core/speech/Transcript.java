package dev.zupa.core.speech;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a clip said.
 *
 * @param text the transcript; never null (empty for silence)
 * @param language the language the service detected, if it reported one; never null
 * @since 0.1
 */
public record Transcript(String text, Optional<Locale> language) {
    /** Validates the components. */
    public Transcript {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
    }
}
