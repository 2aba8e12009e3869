package dev.zupa.examples.whatsapp;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.speech.SpeechRequest;
import dev.zupa.core.speech.TextToSpeech;
import dev.zupa.examples.offline.FakeTextToSpeech;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The examples' fake voice, keeping every clip it made so a test can compare them with what reached WhatsApp; or,
 * {@link #failing()}, a speech service that is down, so the reply must go out as text.
 */
final class RecordingTextToSpeech implements TextToSpeech {
    private final boolean down;
    private final TextToSpeech voice = new FakeTextToSpeech();
    private final List<AudioClip> clips = new CopyOnWriteArrayList<>();
    private final List<SpeechRequest> requests = new CopyOnWriteArrayList<>();

    private RecordingTextToSpeech(boolean down) {
        this.down = down;
    }

    static RecordingTextToSpeech working() {
        return new RecordingTextToSpeech(false);
    }

    static RecordingTextToSpeech failing() {
        return new RecordingTextToSpeech(true);
    }

    @Override
    public AudioClip synthesize(SpeechRequest request) {
        requests.add(request);
        if (down) {
            throw ProviderException.builder(ProviderErrorKind.UNAVAILABLE, "fake-tts", "the speech service is down")
                    .build();
        }
        var clip = voice.synthesize(request);
        clips.add(clip);
        return clip;
    }

    List<AudioClip> clips() {
        return List.copyOf(clips);
    }

    List<SpeechRequest> requests() {
        return List.copyOf(requests);
    }
}
