package dev.zupa.adapters.openai;

import static dev.zupa.adapters.openai.Vectors.KEY;
import static dev.zupa.adapters.openai.Vectors.assertPost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.speech.SpeechRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failures of both audio endpoints go through the chat adapter's error mapping: each status case, timeouts and
 * dropped connections, each with exactly one request sent.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiAudioErrorsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    /** The two audio endpoints, each called once with a small valid input. */
    enum Endpoint {
        TRANSCRIPTION("/v1/audio/transcriptions"),
        SPEECH("/v1/audio/speech");

        final String path;

        Endpoint(String path) {
            this.path = path;
        }

        void call(MockWebServer server, OkHttpClient client) {
            String base = server.url("/v1").toString();
            switch (this) {
                case TRANSCRIPTION ->
                    OpenAiSpeechToText.builder()
                            .apiKey(KEY)
                            .baseUrl(base)
                            .httpClient(client)
                            .build()
                            .transcribe(
                                    new AudioClip(Vectors.bytes("speech-opus.ogg"), "audio/ogg; codecs=opus"),
                                    Optional.empty());
                case SPEECH ->
                    OpenAiTextToSpeech.builder()
                            .apiKey(KEY)
                            .baseUrl(base)
                            .httpClient(client)
                            .build()
                            .synthesize(SpeechRequest.of("Hola", SpeechRequest.AudioFormat.OPUS));
            }
        }
    }

    static Stream<Arguments> statuses() {
        var rows = new ArrayList<Arguments>();
        for (var endpoint : Endpoint.values()) {
            rows.addAll(List.of(
                    row(endpoint, 401, "error-401.json", Map.of(), ProviderErrorKind.AUTHENTICATION, "invalid_api_key"),
                    row(endpoint, 403, "", Map.of(), ProviderErrorKind.AUTHENTICATION, null),
                    row(
                            endpoint,
                            400,
                            "error-400-unsupported-format.json",
                            Map.of(),
                            ProviderErrorKind.BAD_REQUEST,
                            "invalid_request_error"),
                    row(
                            endpoint,
                            413,
                            "error-413-too-large.json",
                            Map.of(),
                            ProviderErrorKind.BAD_REQUEST,
                            "server_error"),
                    row(
                            endpoint,
                            429,
                            "error-429-rate-limit.json",
                            Map.of("retry-after", "2"),
                            ProviderErrorKind.RATE_LIMITED,
                            "rate_limit_exceeded"),
                    row(
                            endpoint,
                            429,
                            "error-429-rate-limit.json",
                            Map.of("retry-after-ms", "1200", "retry-after", "2"),
                            ProviderErrorKind.RATE_LIMITED,
                            "rate_limit_exceeded"),
                    row(
                            endpoint,
                            429,
                            "error-429-insufficient-quota.json",
                            Map.of("retry-after", "20"),
                            ProviderErrorKind.QUOTA_EXHAUSTED,
                            "insufficient_quota"),
                    row(endpoint, 500, "error-500.json", Map.of(), ProviderErrorKind.UNAVAILABLE, "server_error"),
                    row(
                            endpoint,
                            503,
                            "error-503-overloaded.json",
                            Map.of(),
                            ProviderErrorKind.OVERLOADED,
                            "server_error"),
                    row(endpoint, 503, "", Map.of("retry-after", "3"), ProviderErrorKind.UNAVAILABLE, null)));
        }
        return rows.stream();
    }

    private static Arguments row(
            Endpoint endpoint,
            int status,
            String vector,
            Map<String, String> headers,
            ProviderErrorKind kind,
            String code) {
        return Arguments.of(endpoint, status, vector, headers, kind, Optional.ofNullable(code));
    }

    @ParameterizedTest(name = "{0} {1} {4} {3}")
    @MethodSource("statuses")
    void mapsStatus(
            Endpoint endpoint,
            int status,
            String vector,
            Map<String, String> headers,
            ProviderErrorKind kind,
            Optional<String> code)
            throws Exception {
        var response = new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .setHeader("x-request-id", "req_audio_" + status)
                .body(vector.isEmpty() ? "" : Vectors.text(vector));
        headers.forEach(response::setHeader);
        server.enqueue(response.build());

        assertThatThrownBy(() -> endpoint.call(server, new OkHttpClient()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.retryable()).isEqualTo(kind.isTransient());
                    assertThat(e.vendor()).isEqualTo("openai");
                    assertThat(e.status()).contains(status);
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.requestId()).contains("req_audio_" + status);
                    assertThat(e.retryAfter()).isEqualTo(expectedWait(kind, headers));
                    assertThat(e.getMessage()).contains("HTTP " + status).doesNotContain(KEY);
                });
        assertPost(server.takeRequest(), endpoint.path);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    private static Optional<Duration> expectedWait(ProviderErrorKind kind, Map<String, String> headers) {
        if (!kind.isTransient()) {
            return Optional.empty();
        }
        if (headers.containsKey("retry-after-ms")) {
            return Optional.of(Duration.ofMillis(Long.parseLong(headers.get("retry-after-ms"))));
        }
        return Optional.ofNullable(headers.get("retry-after")).map(s -> Duration.ofSeconds(Long.parseLong(s)));
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void slowHeadersAgainstTheReadTimeoutAreATimeout(Endpoint endpoint) throws Exception {
        server.enqueue(new MockResponse.Builder()
                .headersDelay(3, TimeUnit.SECONDS)
                .body("{}")
                .build());
        var client =
                new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> endpoint.call(server, client)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderErrorKind.TIMEOUT);
            assertThat(e.retryable()).isTrue();
            assertThat(e.status()).isEmpty();
        });
        assertPost(server.takeRequest(), endpoint.path);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void slowBodyAgainstTheReadTimeoutIsATimeout(Endpoint endpoint) throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .bodyDelay(3, TimeUnit.SECONDS)
                .body("{\"text\":\"late\"}")
                .build());
        var client =
                new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> endpoint.call(server, client))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.TIMEOUT));
        assertPost(server.takeRequest(), endpoint.path);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void connectionDroppedBeforeAnAnswerIsAConnectionError(Endpoint endpoint) throws Exception {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());

        assertThatThrownBy(() -> endpoint.call(server, new OkHttpClient()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION);
                    assertThat(e.retryable()).isTrue();
                });
        assertPost(server.takeRequest(), endpoint.path);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
