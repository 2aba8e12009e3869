package dev.zupa.examples.offline;

import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.speech.SpeechRequest;
import dev.zupa.core.speech.TextToSpeech;
import java.util.Objects;

/**
 * A text-to-speech that "speaks" by wrapping the text in a {@link FakeAudio} clip of the requested format (Ogg Opus,
 * {@code audio/ogg; codecs=opus}, for voice notes). The clip is small and starts like an Ogg file; a voice reply
 * saved by the console can be sent back with {@code /voicenote}, and {@link FakeSpeechToText} hears it.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class FakeTextToSpeech implements TextToSpeech {

    /** Creates the speaker. */
    public FakeTextToSpeech() {}

    /**
     * "Speaks" a text.
     *
     * @param request the text and format; the voice and language are ignored; never null
     * @return a fake clip of the text, labelled with the format's media type; never null
     */
    @Override
    public AudioClip synthesize(SpeechRequest request) {
        Objects.requireNonNull(request, "request");
        return FakeAudio.of(request.text(), request.format().mimeType());
    }
}
