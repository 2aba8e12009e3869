package dev.zupa.adapters.openai;

import static dev.zupa.adapters.openai.Vectors.KEY;
import static dev.zupa.adapters.openai.Vectors.assertJsonPost;
import static dev.zupa.adapters.openai.Vectors.audioResponse;
import static dev.zupa.adapters.openai.Vectors.bytes;
import static dev.zupa.adapters.openai.Vectors.json;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.SpeechRequest;
import dev.zupa.core.speech.SpeechRequest.AudioFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Speech requests and answers: the closed JSON body, formats checked by their bytes, and the input limit. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiTextToSpeechTest {
    private static final String PATH = "/v1/audio/speech";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private OpenAiTextToSpeech.Builder tts() {
        return OpenAiTextToSpeech.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString());
    }

    @Test
    @DisplayName("6.2.5/6.2.8 a voice note: only schema fields are sent, the Ogg/Opus answer is audio/ogg; codecs=opus")
    void speaksAVoiceNote() throws Exception {
        server.enqueue(audioResponse("speech-opus.ogg"));
        var request = new SpeechRequest(
                "Tu mesa está reservada.", AudioFormat.OPUS, Optional.empty(), Optional.of(Locale.of("es")));

        var clip = tts().build().synthesize(request);

        assertThat(clip.mimeType()).isEqualTo("audio/ogg; codecs=opus");
        assertThat(clip.data()).isEqualTo(bytes("speech-opus.ogg"));
        assertThat(new String(clip.data(), 0, 4, US_ASCII)).isEqualTo("OggS");
        var recorded = server.takeRequest();
        var body = assertJsonPost(recorded, PATH);
        assertThat(recorded.getHeaders().get("Accept")).isEqualTo("application/octet-stream");
        assertThat(body)
                .isEqualTo(json("{\"model\":\"gpt-4o-mini-tts\",\"input\":\"Tu mesa está reservada.\","
                        + "\"voice\":\"alloy\",\"response_format\":\"opus\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "OPUS, opus, speech-opus.ogg, audio/ogg; codecs=opus",
        "MP3, mp3, speech.mp3, audio/mpeg",
        "WAV, wav, speech.wav, audio/wav",
        "PCM, pcm, speech.pcm, audio/pcm",
    })
    @DisplayName("6.2.5 each format is asked for by name and comes back typed, its bytes checked")
    void returnsEachFormat(AudioFormat format, String responseFormat, String vector, String mimeType) throws Exception {
        server.enqueue(audioResponse(vector));

        var clip = tts().build().synthesize(SpeechRequest.of("Hola", format));

        assertThat(clip.mimeType()).isEqualTo(mimeType);
        assertThat(clip.data()).isEqualTo(bytes(vector));
        var body = assertJsonPost(server.takeRequest(), PATH);
        assertThat(body.get("response_format").asText()).isEqualTo(responseFormat);
    }

    @Test
    @DisplayName("6.2.5 wav starts RIFF…WAVE; pcm has no header, an even length, 24 kHz 16-bit samples")
    void wavHasAHeaderAndPcmHasNone() throws Exception {
        server.enqueue(audioResponse("speech.wav"));
        server.enqueue(audioResponse("speech.pcm"));
        var tts = tts().build();

        byte[] wav = tts.synthesize(SpeechRequest.of("Hola", AudioFormat.WAV)).data();
        byte[] pcm = tts.synthesize(SpeechRequest.of("Hola", AudioFormat.PCM)).data();

        assertThat(new String(wav, 0, 4, US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(wav, 8, 4, US_ASCII)).isEqualTo("WAVE");
        assertThat(pcm.length % 2).isZero();
        assertThat(pcm.length / 2).isEqualTo(2_400); // 0.1 s at 24 kHz
        assertThat(new String(pcm, 0, 4, ISO_8859_1)).isNotIn("RIFF", "OggS");
        assertJsonPost(server.takeRequest(), PATH);
        assertJsonPost(server.takeRequest(), PATH);
    }

    @ParameterizedTest(name = "asked {0}, got {1}")
    @CsvSource({
        "OPUS, speech.mp3, asked for opus but the audio starts with 49 44 33 04",
        "MP3, speech-opus.ogg, asked for mp3 but the audio starts with 4f 67 67 53",
        "WAV, speech.pcm, asked for wav but the audio starts with",
        "PCM, speech.wav, asked for pcm but the audio starts with 52 49 46 46",
    })
    @DisplayName("6.2.5 audio that is not the format asked for (Content-Type not trusted) is INVALID_RESPONSE")
    void audioInTheWrongFormatIsInvalid(AudioFormat format, String vector, String message) throws Exception {
        server.enqueue(audioResponse(vector));

        assertThatThrownBy(() -> tts().build().synthesize(SpeechRequest.of("Hola", format)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.INVALID_RESPONSE);
                    assertThat(e.requestId()).contains("req_audio");
                })
                .hasMessageContaining(message);
        assertJsonPost(server.takeRequest(), PATH);
    }

    @Test
    @DisplayName("6.2.5 pcm with an odd number of bytes is a cut sample: INVALID_RESPONSE")
    void oddPcmIsInvalid() throws Exception {
        server.enqueue(
                new MockResponse.Builder().body(new Buffer().write(new byte[7])).build());

        assertThatThrownBy(() -> tts().build().synthesize(SpeechRequest.of("Hola", AudioFormat.PCM)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("odd number of bytes (7)");
        assertJsonPost(server.takeRequest(), PATH);
    }

    @Test
    @DisplayName("a 200 with an empty body is INVALID_RESPONSE")
    void emptyBodyIsInvalid() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "audio/ogg")
                .body("")
                .build());

        assertThatThrownBy(() -> tts().build().synthesize(SpeechRequest.of("Hola", AudioFormat.OPUS)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind())
                        .isEqualTo(ProviderErrorKind.INVALID_RESPONSE))
                .hasMessageContaining("the response has no audio");
        assertJsonPost(server.takeRequest(), PATH);
    }

    @Test
    @DisplayName("6.2.6 audio in small chunks, slowly, is put back together")
    void joinsAChunkedBody() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "audio/ogg")
                .chunkedBody(new Buffer().write(bytes("speech-opus.ogg")), 17)
                .throttleBody(23, 1, TimeUnit.MILLISECONDS)
                .build());

        var clip = tts().build().synthesize(SpeechRequest.of("Hola", AudioFormat.OPUS));

        assertThat(clip.data()).isEqualTo(bytes("speech-opus.ogg"));
        assertJsonPost(server.takeRequest(), PATH);
    }

    @Test
    @DisplayName("6.2.6 audio cut off mid-body (chunked) is a CONNECTION error, not a short clip")
    void chunkedBodyCutOffIsAConnectionError() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "audio/ogg")
                .chunkedBody(new Buffer().write(bytes("speech-opus.ogg")), 17)
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

        assertThatThrownBy(() -> tts().build().synthesize(SpeechRequest.of("Hola", AudioFormat.OPUS)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION);
                    assertThat(e.retryable()).isTrue();
                });
        assertJsonPost(server.takeRequest(), PATH);
    }

    @Test
    @DisplayName("6.2.6 fewer bytes than Content-Length (short read) is a CONNECTION error")
    void shortReadIsAConnectionError() throws Exception {
        byte[] ogg = bytes("speech-opus.ogg");
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "audio/ogg")
                .body(new Buffer().write(ogg))
                .setHeader("Content-Length", ogg.length + 100)
                .onResponseEnd(new SocketEffect.CloseSocket())
                .build());

        assertThatThrownBy(() -> tts().build().synthesize(SpeechRequest.of("Hola", AudioFormat.OPUS)))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION));
        assertJsonPost(server.takeRequest(), PATH);
    }

    @Test
    @DisplayName("6.2.8 input over 4096 characters is refused before sending; 4096 code points are sent")
    void refusesInputOverTheLimit() throws Exception {
        server.enqueue(audioResponse("speech-opus.ogg"));
        var tts = tts().build();
        String atLimit = "🍲".repeat(OpenAiTextToSpeech.MAX_INPUT_CHARS); // 4096 code points, 8192 chars

        tts.synthesize(SpeechRequest.of(atLimit, AudioFormat.OPUS));
        assertThatThrownBy(() -> tts.synthesize(SpeechRequest.of("a".repeat(4097), AudioFormat.OPUS)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).contains("input_too_long");
                })
                .hasMessageContaining("the text is 4097 characters; OpenAI speaks at most 4096 per call");

        var body = assertJsonPost(server.takeRequest(), PATH);
        assertThat(body.get("input").asText()).isEqualTo(atLimit);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("the request's voice wins; tts-1 works and gets no instructions")
    void requestVoiceAndTts1() throws Exception {
        server.enqueue(audioResponse("speech.mp3"));
        var tts = tts().model("tts-1").voice("nova").build();

        tts.synthesize(new SpeechRequest("Hi", AudioFormat.MP3, Optional.of("onyx"), Optional.empty()));

        assertThat(assertJsonPost(server.takeRequest(), PATH))
                .isEqualTo(
                        json("{\"model\":\"tts-1\",\"input\":\"Hi\",\"voice\":\"onyx\",\"response_format\":\"mp3\"}"));
    }

    @Test
    @DisplayName("instructions are sent to gpt-4o-mini-tts with the builder's voice")
    void sendsInstructions() throws Exception {
        server.enqueue(audioResponse("speech-opus.ogg"));
        var tts = tts().voice("coral").instructions("Warm and unhurried.").build();

        tts.synthesize(SpeechRequest.of("Hola", AudioFormat.OPUS));

        var body = assertJsonPost(server.takeRequest(), PATH);
        assertThat(body.get("instructions").asText()).isEqualTo("Warm and unhurried.");
        assertThat(body.get("voice").asText()).isEqualTo("coral");
    }

    @Test
    void builderRejectsBadInputNamingIt() {
        assertThatThrownBy(
                        () -> tts().model("tts-1-hd").instructions("Cheerful").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tts-1-hd does not take instructions; use gpt-4o-mini-tts or drop them");
        assertThatThrownBy(() -> tts().model("tts-1").serverSentEvents(true).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tts-1 cannot stream server-sent events; use gpt-4o-mini-tts");
        assertThatThrownBy(() -> OpenAiTextToSpeech.builder().instructions("x".repeat(4097)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instructions must be at most 4096 characters, were 4097");
        assertThatThrownBy(() -> OpenAiTextToSpeech.builder().voice(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("voice must not be blank");
        assertThatThrownBy(() -> OpenAiTextToSpeech.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an OpenAI text-to-speech needs an apiKey");
    }

    @Test
    void toStringShowsTheEndpointButNeverTheKey() {
        assertThat(OpenAiTextToSpeech.builder().apiKey(KEY).build().toString())
                .isEqualTo("OpenAiTextToSpeech[endpoint=https://api.openai.com/v1/audio/speech,"
                        + " model=gpt-4o-mini-tts, voice=alloy, apiKey=[redacted]]");
    }
}
