package dev.zupa.runtime;

import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.speech.SpeechRequest;
import dev.zupa.core.speech.TextToSpeech;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** A synthesiser that records its requests and answers audio of a given mime type, fails, or hangs. */
final class FakeTextToSpeech implements TextToSpeech {
    static final String OPUS = "audio/ogg; codecs=opus";

    final List<SpeechRequest> requests = new CopyOnWriteArrayList<>();
    final AgentHarness.Hang hang = new AgentHarness.Hang();
    private final BiFunction<FakeTextToSpeech, SpeechRequest, AudioClip> behaviour;

    private FakeTextToSpeech(BiFunction<FakeTextToSpeech, SpeechRequest, AudioClip> behaviour) {
        this.behaviour = behaviour;
    }

    /** Answers the request's text as bytes, labelled with the given mime type. */
    static FakeTextToSpeech speaking(String mimeType) {
        return new FakeTextToSpeech((self, request) ->
                new AudioClip(("spoken: " + request.text()).getBytes(StandardCharsets.UTF_8), mimeType));
    }

    static FakeTextToSpeech speaking() {
        return speaking(OPUS);
    }

    static FakeTextToSpeech failing(RuntimeException error) {
        return new FakeTextToSpeech((self, request) -> {
            throw error;
        });
    }

    static FakeTextToSpeech hanging() {
        return new FakeTextToSpeech((self, request) -> {
            throw self.hang.block();
        });
    }

    /** The audio {@link #speaking} makes for a text. */
    static AudioClip audioOf(String text, String mimeType) {
        return new AudioClip(("spoken: " + text).getBytes(StandardCharsets.UTF_8), mimeType);
    }

    @Override
    public AudioClip synthesize(SpeechRequest request) {
        requests.add(request);
        return behaviour.apply(this, request);
    }
}
