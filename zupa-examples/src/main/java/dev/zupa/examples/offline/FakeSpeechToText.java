package dev.zupa.examples.offline;

import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.speech.SpeechToText;
import dev.zupa.core.speech.Transcript;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A speech-to-text that reads the words inside {@link FakeAudio} clips (and plain text files sent as voice notes).
 * Real audio gives an empty transcript, which the runtime treats as a voice note it could not hear.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class FakeSpeechToText implements SpeechToText {

    /** Creates the transcriber. */
    public FakeSpeechToText() {}

    /**
     * "Transcribes" a clip.
     *
     * @param audio the clip; never null
     * @param language ignored; never null
     * @return the words in the clip, or an empty transcript for real audio; never null
     */
    @Override
    public Transcript transcribe(AudioClip audio, Optional<Locale> language) {
        Objects.requireNonNull(language, "language");
        return new Transcript(FakeAudio.wordsIn(audio).orElse(""), language);
    }
}
