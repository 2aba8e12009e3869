package dev.zupa.adapters.openai;

import static dev.zupa.adapters.openai.Vectors.KEY;
import static dev.zupa.adapters.openai.Vectors.assertJsonPost;
import static dev.zupa.adapters.openai.Vectors.bytes;
import static dev.zupa.adapters.openai.Vectors.sseResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.SpeechRequest;
import dev.zupa.core.speech.SpeechRequest.AudioFormat;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 6.2.7: speech as server-sent events, base64 {@code speech.audio.delta} pieces up to {@code speech.audio.done}. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiTextToSpeechStreamTest {
    private static final String PATH = "/v1/audio/speech";
    private static final String DONE = "data: {\"type\":\"speech.audio.done\",\"usage\":{\"input_tokens\":1}}\n\n";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private OpenAiTextToSpeech tts() {
        return OpenAiTextToSpeech.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString())
                .serverSentEvents(true)
                .build();
    }

    private static SpeechRequest voiceNote() {
        return SpeechRequest.of("Tu mesa está reservada.", AudioFormat.OPUS);
    }

    private static String delta(String base64) {
        return "data: {\"type\":\"speech.audio.delta\",\"audio\":\"" + base64 + "\"}\n\n";
    }

    @Test
    @DisplayName("6.2.7 base64 deltas split across reads are decoded and joined; stream_format sse is sent")
    void joinsTheDeltasUpToDone() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .setHeader("x-request-id", "req_sse")
                .body(Vectors.text("speech-stream.sse") + delta("AAAA"))
                .throttleBody(29, 1, TimeUnit.MILLISECONDS)
                .build());

        var clip = tts().synthesize(voiceNote());

        assertThat(clip.data()).isEqualTo(bytes("speech-opus.ogg"));
        assertThat(clip.mimeType()).isEqualTo("audio/ogg; codecs=opus");
        var request = server.takeRequest();
        var body = assertJsonPost(request, PATH);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(body.get("stream_format").asText()).isEqualTo("sse");
        assertThat(body.get("response_format").asText()).isEqualTo("opus");
    }

    @Test
    @DisplayName("6.2.7 a stream that ends without speech.audio.done is a CONNECTION error")
    void streamWithoutDoneIsAConnectionError() throws Exception {
        server.enqueue(sseResponse(Vectors.text("speech-stream-truncated.sse")));

        assertThatThrownBy(() -> tts().synthesize(voiceNote()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION);
                    assertThat(e.requestId()).contains("req_stream");
                })
                .hasMessageContaining("the stream ended before speech.audio.done");
        assertJsonPost(server.takeRequest(), PATH);
    }

    @Test
    @DisplayName("6.2.7 [DONE] before speech.audio.done still means the audio is incomplete")
    void doneMarkerWithoutAudioDoneIsIncomplete() throws Exception {
        server.enqueue(sseResponse(Vectors.text("speech-stream-truncated.sse") + "data: [DONE]\n\n"));

        assertThatThrownBy(() -> tts().synthesize(voiceNote()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION));
        assertJsonPost(server.takeRequest(), PATH);
    }

    @Test
    @DisplayName("6.2.7 an error event after HTTP 200 is mapped by its code")
    void errorEventIsMapped() throws Exception {
        server.enqueue(sseResponse(delta("T2dnUw==")
                + "data: {\"type\":\"error\",\"error\":{\"message\":\"Rate limit reached\","
                + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}\n\n"));

        assertThatThrownBy(() -> tts().synthesize(voiceNote()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.RATE_LIMITED);
                    assertThat(e.code()).contains("rate_limit_exceeded");
                })
                .hasMessageContaining("error after HTTP 200: Rate limit reached");
        assertJsonPost(server.takeRequest(), PATH);
    }

    @Test
    @DisplayName("6.2.7 a delta that is not base64 is INVALID_RESPONSE")
    void badBase64IsInvalid() throws Exception {
        server.enqueue(sseResponse(delta("not base64!") + DONE));

        assertThatThrownBy(() -> tts().synthesize(voiceNote()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind())
                        .isEqualTo(ProviderErrorKind.INVALID_RESPONSE))
                .hasMessageContaining("a speech.audio.delta is not valid base64");
        assertJsonPost(server.takeRequest(), PATH);
    }

    @Test
    @DisplayName("6.2.7 done with no audio at all is INVALID_RESPONSE")
    void doneWithoutAudioIsInvalid() throws Exception {
        server.enqueue(sseResponse(DONE));

        assertThatThrownBy(() -> tts().synthesize(voiceNote()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind())
                        .isEqualTo(ProviderErrorKind.INVALID_RESPONSE))
                .hasMessageContaining("the response has no audio");
        assertJsonPost(server.takeRequest(), PATH);
    }

    @Test
    @DisplayName("a server that ignores stream_format and answers raw audio is read as raw audio")
    void rawAnswerToAStreamRequest() throws Exception {
        server.enqueue(Vectors.audioResponse("speech-opus.ogg"));

        assertThat(tts().synthesize(voiceNote()).data()).isEqualTo(bytes("speech-opus.ogg"));
        assertJsonPost(server.takeRequest(), PATH);
    }
}
