package dev.zupa.adapters.openai;

import static dev.zupa.adapters.openai.Vectors.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.message.Message;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.speech.SpeechRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The API key appears in no log line, exception message or {@code toString} of the chat, transcription and speech
 * adapters, even when OpenAI echoes it in a 401. Logs are read from slf4j-simple, which the test resources set to
 * DEBUG for this package and which writes to {@code System.err}.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ApiKeyRedactionTest {
    private static final String ECHO = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
            + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
            + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void theKeyNeverReachesLogsExceptionsOrToString() throws Exception {
        String base = server.url("/v1").toString();
        var chat = OpenAiChatModel.builder().apiKey(KEY).baseUrl(base).build();
        var stt = OpenAiSpeechToText.builder().apiKey(KEY).baseUrl(base).build();
        var tts = OpenAiTextToSpeech.builder().apiKey(KEY).baseUrl(base).build();
        var failures = new ArrayList<ProviderException>();
        var log = new ByteArrayOutputStream();
        var original = System.err;

        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            server.enqueue(Vectors.jsonResponse(200, "chat-text.json"));
            server.enqueue(Vectors.jsonResponse(200, "transcription-json.json"));
            server.enqueue(Vectors.audioResponse("speech-opus.ogg"));
            chat.complete(ChatRequest.builder().message(Message.user("hola")).build());
            stt.transcribe(new AudioClip(Vectors.bytes("speech-opus.ogg"), "audio/ogg"), Optional.empty());
            tts.synthesize(SpeechRequest.of("Hola", SpeechRequest.AudioFormat.OPUS));
            for (int i = 0; i < 3; i++) {
                server.enqueue(new MockResponse.Builder().code(401).body(ECHO).build());
            }
            failures.add(catchThrowableOfType(
                    ProviderException.class,
                    () -> chat.complete(
                            ChatRequest.builder().message(Message.user("hola")).build())));
            failures.add(catchThrowableOfType(
                    ProviderException.class,
                    () -> stt.transcribe(new AudioClip(new byte[] {1}, "audio/ogg"), Optional.empty())));
            failures.add(catchThrowableOfType(
                    ProviderException.class,
                    () -> tts.synthesize(SpeechRequest.of("Hola", SpeechRequest.AudioFormat.MP3))));
        } finally {
            System.setErr(original);
        }

        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged)
                .contains("openai POST", "/v1/chat/completions", "/v1/audio/transcriptions", "/v1/audio/speech")
                .contains("openai call failed")
                .doesNotContain(KEY);
        assertThat(failures).hasSize(3).allSatisfy(e -> {
            assertThat(e.getMessage()).contains("Incorrect API key provided").doesNotContain(KEY);
            assertThat(e.toString()).doesNotContain(KEY);
        });
        for (Object adapter : List.of(chat, stt, tts)) {
            assertThat(adapter.toString()).contains("apiKey=[redacted]").doesNotContain(KEY);
        }
        for (int i = 0; i < 6; i++) {
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        }
    }
}
