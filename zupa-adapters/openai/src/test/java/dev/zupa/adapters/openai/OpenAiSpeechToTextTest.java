package dev.zupa.adapters.openai;

import static dev.zupa.adapters.openai.Vectors.KEY;
import static dev.zupa.adapters.openai.Vectors.assertPost;
import static dev.zupa.adapters.openai.Vectors.bytes;
import static dev.zupa.adapters.openai.Vectors.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import java.util.Locale;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Transcription requests and answers: the multipart shape, file naming, language hints and the answer formats. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiSpeechToTextTest {
    private static final String VOICE_NOTE = "audio/ogg; codecs=opus";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private OpenAiSpeechToText stt() {
        return OpenAiSpeechToText.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString())
                .build();
    }

    private static AudioClip voiceNote() {
        return new AudioClip(bytes("speech-opus.ogg"), VOICE_NOTE);
    }

    @Test
    @DisplayName("6.2.1 a WhatsApp voice note goes up as voice.ogg typed audio/ogg, with model, language and json")
    void sendsAVoiceNoteAsOgg() throws Exception {
        server.enqueue(jsonResponse(200, "transcription-json.json"));
        var stt = OpenAiSpeechToText.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString())
                .organization("org-zupa")
                .project("proj_voice")
                .build();

        var transcript = stt.transcribe(voiceNote(), Optional.of(Locale.forLanguageTag("es-PE")));

        assertThat(transcript.text()).isEqualTo("Quiero reservar para dos");
        assertThat(transcript.language()).isEmpty();
        var request = server.takeRequest();
        assertPost(request, "/v1/audio/transcriptions");
        assertThat(request.getHeaders().get("OpenAI-Organization")).isEqualTo("org-zupa");
        assertThat(request.getHeaders().get("OpenAI-Project")).isEqualTo("proj_voice");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        var parts = Multipart.parts(request);
        assertThat(parts).containsOnlyKeys("file", "model", "response_format", "language");
        assertThat(parts.get("file").fileName()).isEqualTo("voice.ogg");
        assertThat(parts.get("file").contentType()).isEqualTo("audio/ogg");
        assertThat(parts.get("file").body()).isEqualTo(bytes("speech-opus.ogg"));
        assertThat(parts.get("model").text()).isEqualTo("gpt-4o-mini-transcribe");
        assertThat(parts.get("model").fileName()).isNull();
        assertThat(parts.get("response_format").text()).isEqualTo("json");
        assertThat(parts.get("language").text()).isEqualTo("es");
    }

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource({
        "audio/opus, voice.ogg, audio/ogg",
        "AUDIO/OGG, voice.ogg, audio/ogg",
        "application/ogg, voice.ogg, audio/ogg",
        "audio/mpeg, voice.mp3, audio/mpeg",
        "audio/mp3, voice.mp3, audio/mpeg",
        "audio/mp4, voice.m4a, audio/mp4",
        "audio/x-m4a, voice.m4a, audio/mp4",
        "audio/wav, voice.wav, audio/wav",
        "audio/x-wav, voice.wav, audio/wav",
        "audio/webm;codecs=opus, voice.webm, audio/webm",
        "audio/flac, voice.flac, audio/flac",
    })
    @DisplayName("6.2.1 each media type gets a file name OpenAI accepts; Opus is never sent as .opus")
    void namesTheFileAfterTheMediaType(String mimeType, String fileName, String contentType) throws Exception {
        server.enqueue(jsonResponse(200, "transcription-json.json"));

        stt().transcribe(new AudioClip(new byte[] {1, 2, 3}, mimeType), Optional.empty());

        var part = Multipart.parts(server.takeRequest()).get("file");
        assertThat(part.fileName()).isEqualTo(fileName).doesNotEndWith(".opus");
        assertThat(part.contentType()).isEqualTo(contentType);
    }

    @ParameterizedTest
    @ValueSource(strings = {"audio/amr", "audio/aac", "video/3gpp", "text/plain"})
    @DisplayName("an unsupported media type is BAD_REQUEST before any network call")
    void refusesAnUnsupportedMediaTypeBeforeSending(String mimeType) {
        assertThatThrownBy(() -> stt().transcribe(new AudioClip(new byte[] {1}, mimeType), Optional.empty()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).contains("unsupported_audio_format");
                    assertThat(e.status()).isEmpty();
                })
                .hasMessageContaining("OpenAI cannot transcribe " + mimeType);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    @DisplayName("6.2.3 a clip over 25 MB is BAD_REQUEST before any network call")
    void refusesAClipOverTwentyFiveMegabytes() {
        var clip = new AudioClip(new byte[OpenAiSpeechToText.MAX_AUDIO_BYTES + 1], VOICE_NOTE);

        assertThatThrownBy(() -> stt().transcribe(clip, Optional.empty()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST);
                    assertThat(e.code()).contains("audio_too_large");
                })
                .hasMessageContaining("the clip is 26214401 bytes; OpenAI transcribes at most 26214400 bytes");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    @DisplayName("whisper-1 works; no hint sends no language; duration usage is read")
    void whisperWithoutALanguageHint() throws Exception {
        server.enqueue(jsonResponse(200, "transcription-whisper.json"));
        var stt = OpenAiSpeechToText.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString())
                .model("whisper-1")
                .build();

        var transcript = stt.transcribe(voiceNote(), Optional.empty());

        assertThat(transcript.text()).isEqualTo("Quiero reservar para dos.");
        var parts = Multipart.parts(server.takeRequest());
        assertThat(parts.get("model").text()).isEqualTo("whisper-1");
        assertThat(parts).doesNotContainKey("language");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fil", "und"})
    @DisplayName("a hint without an ISO 639-1 code is left out, the service detects the language")
    void dropsAHintWithoutATwoLetterCode(String tag) throws Exception {
        server.enqueue(jsonResponse(200, "transcription-json.json"));

        stt().transcribe(voiceNote(), Optional.of(Locale.forLanguageTag(tag)));

        assertThat(Multipart.parts(server.takeRequest())).doesNotContainKey("language");
    }

    @ParameterizedTest
    @ValueSource(strings = {"transcription-json.json", "transcription-whisper.json", "transcription-no-usage.json"})
    @DisplayName("6.2.2 usage as tokens, as duration, or absent")
    void readsTheTextWhateverTheUsage(String vector) throws Exception {
        server.enqueue(jsonResponse(200, vector));

        assertThat(stt().transcribe(voiceNote(), Optional.empty()).text()).startsWith("Quiero reservar para dos");
        assertPost(server.takeRequest(), "/v1/audio/transcriptions");
    }

    @Test
    @DisplayName("6.2.2 verbose_json: the text, and its language name as a locale")
    void readsVerboseJson() throws Exception {
        server.enqueue(jsonResponse(200, "transcription-verbose.json"));

        var transcript = stt().transcribe(voiceNote(), Optional.empty());

        assertThat(transcript.text()).isEqualTo("Quiero reservar para dos.");
        assertThat(transcript.language()).contains(Locale.of("es"));
        assertPost(server.takeRequest(), "/v1/audio/transcriptions");
    }

    @Test
    @DisplayName("6.2.2 a text/plain answer (response_format text) is the transcript itself")
    void readsAPlainTextAnswer() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/plain; charset=utf-8")
                .body("Quiero reservar para dos\n")
                .build());

        assertThat(stt().transcribe(voiceNote(), Optional.empty()).text()).isEqualTo("Quiero reservar para dos");
        assertPost(server.takeRequest(), "/v1/audio/transcriptions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":\"\"}", "{\"text\":\"   \\n\"}"})
    @DisplayName("6.2.4 silent audio is an empty transcript, not an error")
    void silenceIsAnEmptyTranscript(String body) throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build());

        assertThat(stt().transcribe(voiceNote(), Optional.empty()).text()).isEmpty();
        assertPost(server.takeRequest(), "/v1/audio/transcriptions");
    }

    @Test
    @DisplayName("6.2.4 the recorded silence vector gives an empty transcript")
    void silenceVectorIsAnEmptyTranscript() throws Exception {
        server.enqueue(jsonResponse(200, "transcription-silence.json"));

        assertThat(stt().transcribe(voiceNote(), Optional.empty()).text()).isEmpty();
        assertPost(server.takeRequest(), "/v1/audio/transcriptions");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|the response body is empty",
                "{\"text\": \"cut|the response body is not JSON",
                "[\"text\"]|not a JSON object",
                "{\"segments\": []}|the response has no text",
                "{\"text\": null}|the response has no text",
            })
    @DisplayName("an empty, malformed or text-less 200 answer is INVALID_RESPONSE")
    void malformedAnswerIsInvalidResponse(String body, String message) throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build());

        assertThatThrownBy(() -> stt().transcribe(voiceNote(), Optional.empty()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind())
                        .isEqualTo(ProviderErrorKind.INVALID_RESPONSE))
                .hasMessageContaining(message);
        assertPost(server.takeRequest(), "/v1/audio/transcriptions");
    }

    @Test
    void builderRejectsBadInputNamingIt() {
        assertThatThrownBy(() -> OpenAiSpeechToText.builder().model(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model must not be blank");
        assertThatThrownBy(() -> OpenAiSpeechToText.builder().baseUrl("localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUrl must be an http or https URL, was 'localhost'");
        assertThatThrownBy(() -> OpenAiSpeechToText.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an OpenAI speech-to-text needs an apiKey");
    }

    @Test
    void toStringShowsTheEndpointButNeverTheKey() {
        var stt = OpenAiSpeechToText.builder().apiKey(KEY).project("proj_voice").build();

        assertThat(stt.toString())
                .isEqualTo("OpenAiSpeechToText[endpoint=https://api.openai.com/v1/audio/transcriptions,"
                        + " model=gpt-4o-mini-transcribe, project=proj_voice, apiKey=[redacted]]");
    }
}
