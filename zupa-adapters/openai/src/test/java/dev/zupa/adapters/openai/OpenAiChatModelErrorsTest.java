package dev.zupa.adapters.openai;

import static dev.zupa.adapters.openai.Vectors.KEY;
import static dev.zupa.adapters.openai.Vectors.assertChatRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.message.Message;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP status mapping, case by case, each with exactly one request sent (no retries in the adapter). */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiChatModelErrorsTest {
    private static final String PLAIN = "{\"error\":{\"message\":\"%s\",\"type\":\"%s\",\"param\":null,\"code\":null}}";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private OpenAiChatModel model() {
        return OpenAiChatModel.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString())
                .build();
    }

    private static ChatRequest hello() {
        return ChatRequest.builder().message(Message.user("hello")).build();
    }

    private static String plain(String message, String type) {
        return PLAIN.formatted(message, type);
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                row(
                        401,
                        Vectors.text("error-401.json"),
                        Map.of(),
                        ProviderErrorKind.AUTHENTICATION,
                        "invalid_api_key",
                        null),
                row(
                        403,
                        plain("Project does not have access", "invalid_request_error"),
                        Map.of(),
                        ProviderErrorKind.AUTHENTICATION,
                        "invalid_request_error",
                        null),
                row(
                        400,
                        Vectors.text("error-400-tool-order.json"),
                        Map.of(),
                        ProviderErrorKind.BAD_REQUEST,
                        "invalid_request_error",
                        null),
                row(
                        404,
                        plain("The model gpt-9 does not exist", "invalid_request_error"),
                        Map.of(),
                        ProviderErrorKind.BAD_REQUEST,
                        "invalid_request_error",
                        null),
                row(
                        422,
                        plain("Unprocessable", "invalid_request_error"),
                        Map.of(),
                        ProviderErrorKind.BAD_REQUEST,
                        "invalid_request_error",
                        null),
                row(
                        429,
                        Vectors.text("error-429-rate-limit.json"),
                        Map.of("retry-after", "2"),
                        ProviderErrorKind.RATE_LIMITED,
                        "rate_limit_exceeded",
                        Duration.ofSeconds(2)),
                row(
                        429,
                        Vectors.text("error-429-rate-limit.json"),
                        Map.of("retry-after-ms", "1200", "retry-after", "2"),
                        ProviderErrorKind.RATE_LIMITED,
                        "rate_limit_exceeded",
                        Duration.ofMillis(1200)),
                row(
                        429,
                        Vectors.text("error-429-rate-limit.json"),
                        Map.of("retry-after", "0.39"),
                        ProviderErrorKind.RATE_LIMITED,
                        "rate_limit_exceeded",
                        Duration.ofMillis(390)),
                row(
                        429,
                        Vectors.text("error-429-rate-limit.json"),
                        Map.of(),
                        ProviderErrorKind.RATE_LIMITED,
                        "rate_limit_exceeded",
                        null),
                row(
                        429,
                        Vectors.text("error-429-insufficient-quota.json"),
                        Map.of("retry-after", "20"),
                        ProviderErrorKind.QUOTA_EXHAUSTED,
                        "insufficient_quota",
                        null),
                row(
                        408,
                        plain("Request timed out", "timeout"),
                        Map.of(),
                        ProviderErrorKind.UNAVAILABLE,
                        "timeout",
                        null),
                row(409, plain("Lock timeout", "conflict"), Map.of(), ProviderErrorKind.UNAVAILABLE, "conflict", null),
                row(500, Vectors.text("error-500.json"), Map.of(), ProviderErrorKind.UNAVAILABLE, "server_error", null),
                row(
                        502,
                        "<html><body>502 Bad Gateway</body></html>",
                        Map.of(),
                        ProviderErrorKind.UNAVAILABLE,
                        null,
                        null),
                row(504, "", Map.of("retry-after", "3"), ProviderErrorKind.UNAVAILABLE, null, Duration.ofSeconds(3)),
                row(
                        503,
                        Vectors.text("error-503-overloaded.json"),
                        Map.of(),
                        ProviderErrorKind.OVERLOADED,
                        "server_error",
                        null),
                row(
                        503,
                        plain("Service unavailable", "server_error"),
                        Map.of(),
                        ProviderErrorKind.UNAVAILABLE,
                        "server_error",
                        null));
    }

    private static Arguments row(
            int status,
            String body,
            Map<String, String> headers,
            ProviderErrorKind kind,
            String code,
            Duration retryAfter) {
        return Arguments.of(status, body, headers, kind, Optional.ofNullable(code), Optional.ofNullable(retryAfter));
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("statuses")
    void mapsStatus(
            int status,
            String body,
            Map<String, String> headers,
            ProviderErrorKind kind,
            Optional<String> code,
            Optional<Duration> retryAfter)
            throws Exception {
        var response = new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .setHeader("x-request-id", "req_err_" + status)
                .body(body);
        headers.forEach(response::setHeader);
        server.enqueue(response.build());

        assertThatThrownBy(() -> model().complete(hello())).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.retryable()).isEqualTo(kind.isTransient());
            assertThat(e.vendor()).isEqualTo("openai");
            assertThat(e.status()).contains(status);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.requestId()).contains("req_err_" + status);
            assertThat(e.retryAfter()).isEqualTo(retryAfter);
            assertThat(e.getMessage()).contains("HTTP " + status).doesNotContain(KEY);
        });
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void unauthorizedNeverLeaksTheKey() throws Exception {
        String echo = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". Or sk-test-****abcd.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
        server.enqueue(new MockResponse.Builder().code(401).body(echo).build());

        assertThatThrownBy(() -> model().complete(hello())).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderErrorKind.AUTHENTICATION);
            assertThat(e.getMessage())
                    .contains("Incorrect API key provided")
                    .doesNotContain(KEY)
                    .doesNotContain("Zu9a")
                    .doesNotContain("abcd");
            assertThat(e.toString()).doesNotContain(KEY);
        });
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }

    @Test
    void rateLimitMessageKeepsTheVendorText() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("retry-after-ms", "390")
                .body(Vectors.text("error-429-rate-limit.json"))
                .build());

        assertThatThrownBy(() -> model().complete(hello()))
                .isInstanceOf(ProviderException.class)
                .hasMessageStartingWith("openai rate_limited (HTTP 429, rate_limit_exceeded): Rate limit reached");
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }
}
