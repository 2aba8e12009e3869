package dev.zupa.core.transport;

import dev.zupa.core.speech.AudioClip;
import java.util.Objects;

/**
 * What a reply holds: text, or a voice note with the text it speaks.
 *
 * @since 0.1
 */
public sealed interface OutboundContent {

    /**
     * The text of the reply (for a voice note, what it says).
     *
     * @return the text; never null
     */
    String text();

    /**
     * A text message.
     *
     * @param text the text; never blank
     */
    record Text(String text) implements OutboundContent {
        /** Validates the text. */
        public Text {
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("a text reply must not be blank");
            }
        }
    }

    /**
     * A voice note.
     *
     * @param audio the recording, with the mime type the speech provider reported; never null
     * @param text what it says; never null
     */
    record Voice(AudioClip audio, String text) implements OutboundContent {
        /** Validates the note. */
        public Voice {
            Objects.requireNonNull(audio, "audio");
            Objects.requireNonNull(text, "text");
        }
    }
}
