package dev.zupa.core.speech;

import java.util.Locale;
import java.util.Optional;

/**
 * The speech-to-text port. Thread-safe and blocking; one attempt per call (the caller retries); failures are
 * {@link dev.zupa.core.provider.ProviderException}s.
 *
 * @since 0.1
 */
public interface SpeechToText {
    /**
     * Transcribes a clip.
     *
     * @param audio the audio; never null
     * @param language the expected language as a hint, or empty to let the service detect it; never null
     * @return the transcript; never null
     * @throws dev.zupa.core.provider.ProviderException when the call fails
     */
    Transcript transcribe(AudioClip audio, Optional<Locale> language);
}
