package dev.zupa.runtime;

import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.speech.SpeechToText;
import dev.zupa.core.speech.Transcript;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A transcriber that records its calls and answers a fixed transcript, fails, or hangs until interrupted. */
final class FakeSpeechToText implements SpeechToText {
    /** One call: the audio and the language hint. */
    record Call(AudioClip audio, Optional<Locale> language) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final AgentHarness.Hang hang = new AgentHarness.Hang();
    private final Function<FakeSpeechToText, Transcript> behaviour;

    private FakeSpeechToText(Function<FakeSpeechToText, Transcript> behaviour) {
        this.behaviour = behaviour;
    }

    static FakeSpeechToText saying(String text) {
        return new FakeSpeechToText(self -> new Transcript(text, Optional.empty()));
    }

    static FakeSpeechToText failing(RuntimeException error) {
        return new FakeSpeechToText(self -> {
            throw error;
        });
    }

    static FakeSpeechToText hanging() {
        return new FakeSpeechToText(self -> {
            throw self.hang.block();
        });
    }

    @Override
    public Transcript transcribe(AudioClip audio, Optional<Locale> language) {
        calls.add(new Call(audio, language));
        return behaviour.apply(this);
    }
}
