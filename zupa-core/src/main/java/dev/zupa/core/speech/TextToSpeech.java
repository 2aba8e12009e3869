package dev.zupa.core.speech;

/**
 * The text-to-speech port. Thread-safe and blocking; one attempt per call (the caller retries); failures are
 * {@link dev.zupa.core.provider.ProviderException}s.
 *
 * @since 0.1
 */
public interface TextToSpeech {
    /**
     * Speaks a text.
     *
     * @param request the text, voice and format; never null
     * @return the audio, with the media type the service produced; never null
     * @throws dev.zupa.core.provider.ProviderException when the call fails
     */
    AudioClip synthesize(SpeechRequest request);
}
