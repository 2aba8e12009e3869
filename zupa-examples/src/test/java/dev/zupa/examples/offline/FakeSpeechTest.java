package dev.zupa.examples.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.speech.SpeechRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FakeSpeechTest {
    private final FakeSpeechToText ears = new FakeSpeechToText();
    private final FakeTextToSpeech voice = new FakeTextToSpeech();

    @Test
    void whatTheFakeVoiceSaysTheFakeEarsHear() {
        var clip = voice.synthesize(SpeechRequest.of("Two burgers, coming up.", SpeechRequest.AudioFormat.OPUS));

        assertThat(clip.mimeType()).isEqualTo("audio/ogg; codecs=opus");
        assertThat(new String(clip.data(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
        assertThat(ears.transcribe(clip, Optional.of(Locale.ENGLISH)).text()).isEqualTo("Two burgers, coming up.");
    }

    @Test
    void speaksInTheRequestedFormat() {
        var clip = voice.synthesize(SpeechRequest.of("hello", SpeechRequest.AudioFormat.MP3));

        assertThat(clip.mimeType()).isEqualTo("audio/mpeg");
        assertThat(FakeAudio.wordsIn(clip)).contains("hello");
    }

    @Test
    void aTextFileSentAsAVoiceNoteIsHeardAsItsText() {
        var clip = new AudioClip("  menu please\n".getBytes(StandardCharsets.UTF_8), FakeAudio.OGG_OPUS);

        assertThat(ears.transcribe(clip, Optional.empty()).text()).isEqualTo("menu please");
    }

    @Test
    void realAudioIsHeardAsSilence() {
        var clip = new AudioClip(new byte[] {'O', 'g', 'g', 'S', 0, 2, (byte) 0xff, (byte) 0xfe, 3, 1}, "audio/ogg");

        assertThat(FakeAudio.wordsIn(clip)).isEmpty();
        assertThat(ears.transcribe(clip, Optional.empty()).text()).isEmpty();
    }

    @Test
    void refusesToRecordNothing() {
        assertThatThrownBy(() -> FakeAudio.of("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a fake recording needs words");
    }

    @ParameterizedTest
    @ValueSource(strings = {"order", "practice"})
    void theSampleVoiceNotesSayTheirTranscripts(String sample) throws IOException {
        var audio = resource("/samples/" + sample + ".ogg");
        var transcript = new String(resource("/samples/" + sample + ".txt"), StandardCharsets.UTF_8).strip();

        var heard = ears.transcribe(new AudioClip(audio, FakeAudio.OGG_OPUS), Optional.empty());

        assertThat(heard.text()).isEqualTo(transcript).isNotBlank();
        assertThat(FakeAudio.of(transcript).data()).isEqualTo(audio);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FakeSpeechTest.class.getResourceAsStream(name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        }
    }
}
