package dev.zupa.core.speech;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What to speak, and how.
 *
 * @param text the text; never null or blank
 * @param format the audio format wanted; never null
 * @param voice a vendor voice name, or empty for the adapter's default; never null
 * @param language the text's language, or empty; never null
 * @since 0.1
 */
public record SpeechRequest(String text, AudioFormat format, Optional<String> voice, Optional<Locale> language) {
    /** Validates the components. */
    public SpeechRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(language, "language");
        if (text.isBlank()) {
            throw new IllegalArgumentException("there is no text to speak");
        }
    }

    /**
     * A request with the adapter's default voice.
     *
     * @param text the text; never null or blank
     * @param format the format; never null
     * @return the request; never null
     */
    public static SpeechRequest of(String text, AudioFormat format) {
        return new SpeechRequest(text, format, Optional.empty(), Optional.empty());
    }

    /** Audio formats a voice reply can be produced in. */
    public enum AudioFormat {
        /** Ogg Opus: what WhatsApp plays as a voice note. */
        OPUS("audio/ogg; codecs=opus"),
        /** MP3. */
        MP3("audio/mpeg"),
        /** WAV. */
        WAV("audio/wav"),
        /** Raw 16-bit PCM. */
        PCM("audio/pcm");

        private final String mimeType;

        AudioFormat(String mimeType) {
            this.mimeType = mimeType;
        }

        /**
         * The format's media type.
         *
         * @return the mime type; never null
         */
        public String mimeType() {
            return mimeType;
        }
    }
}
