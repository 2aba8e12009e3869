package dev.zupa.adapters.anthropic;

import static dev.zupa.adapters.anthropic.Vectors.assertMessagesRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.message.Message;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP status mapping, case by case, each with exactly one request sent (no retries in the adapter). */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnthropicChatModelErrorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    @StartStop
    final MockWebServer server = new MockWebServer();

    private AnthropicChatModel model() {
        return AnthropicChatModel.builder()
                .apiKey(Vectors.KEY)
                .baseUrl(server.url("/v1").toString())
                .clock(CLOCK)
                .build();
    }

    private static ChatRequest hello() {
        return ChatRequest.builder().message(Message.user("hello")).build();
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                row("400 invalid_request_error", 400, "error-400.json", Map.of(), ProviderErrorKind.BAD_REQUEST, null),
                row(
                        "401 authentication_error",
                        401,
                        "error-401.json",
                        Map.of(),
                        ProviderErrorKind.AUTHENTICATION,
                        null),
                row("403 permission_error", 403, "error-403.json", Map.of(), ProviderErrorKind.AUTHENTICATION, null),
                row("404 not_found_error", 404, "error-404.json", Map.of(), ProviderErrorKind.BAD_REQUEST, null),
                row("413 request_too_large", 413, "error-413.json", Map.of(), ProviderErrorKind.BAD_REQUEST, null),
                row(
                        "6.5.2: 429 rate_limit_error with retry-after in seconds",
                        429,
                        "error-429.json",
                        Map.of("retry-after", "7"),
                        ProviderErrorKind.RATE_LIMITED,
                        Duration.ofSeconds(7)),
                row(
                        "429 rate_limit_error with retry-after as an HTTP date",
                        429,
                        "error-429.json",
                        Map.of("retry-after", "Thu, 01 Jan 2026 12:00:30 GMT"),
                        ProviderErrorKind.RATE_LIMITED,
                        Duration.ofSeconds(30)),
                row(
                        "429 rate_limit_error without retry-after",
                        429,
                        "error-429.json",
                        Map.of(),
                        ProviderErrorKind.RATE_LIMITED,
                        null),
                row("500 api_error", 500, "error-500.json", Map.of(), ProviderErrorKind.UNAVAILABLE, null),
                row(
                        "6.5.2: 529 overloaded_error is retryable",
                        529,
                        "error-529.json",
                        Map.of("retry-after", "2"),
                        ProviderErrorKind.OVERLOADED,
                        Duration.ofSeconds(2)),
                row(
                        "401 ignores retry-after (terminal)",
                        401,
                        "error-401.json",
                        Map.of("retry-after", "5"),
                        ProviderErrorKind.AUTHENTICATION,
                        null));
    }

    private static Arguments row(
            String name,
            int status,
            String vector,
            Map<String, String> headers,
            ProviderErrorKind kind,
            Duration retryAfter) {
        var type = Vectors.json(Vectors.text(vector)).path("error").path("type").asText();
        return Arguments.of(name, status, vector, headers, kind, type, Optional.ofNullable(retryAfter));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("statuses")
    void mapsStatus(
            String name,
            int status,
            String vector,
            Map<String, String> headers,
            ProviderErrorKind kind,
            String type,
            Optional<Duration> retryAfter)
            throws Exception {
        var response = new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .setHeader("request-id", "req_err_" + status)
                .body(Vectors.text(vector));
        headers.forEach(response::setHeader);
        server.enqueue(response.build());

        assertThatThrownBy(() -> model().complete(hello())).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.retryable()).isEqualTo(kind.isTransient());
            assertThat(e.vendor()).isEqualTo("anthropic");
            assertThat(e.status()).contains(status);
            assertThat(e.code()).contains(type);
            assertThat(e.requestId()).contains("req_err_" + status);
            assertThat(e.retryAfter()).isEqualTo(retryAfter);
            assertThat(e.getMessage()).contains("HTTP " + status + ", " + type).doesNotContain(Vectors.KEY);
        });
        assertMessagesRequest(server.takeRequest());
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void requestIdFallsBackToTheBodyWhenTheHeaderIsMissing() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .body(Vectors.text("error-400.json"))
                .build());

        assertThatThrownBy(() -> model().complete(hello()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.requestId()).contains("req_011CBody400"))
                .hasMessage("anthropic bad_request (HTTP 400, invalid_request_error): messages.2: `tool_use` ids were"
                        + " found without `tool_result` blocks immediately after: toolu_Q7. Each `tool_use` block"
                        + " must have a corresponding `tool_result` block in the next message. [request"
                        + " req_011CBody400]");
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    @DisplayName("a 5xx from a proxy with an HTML body is UNAVAILABLE without a vendor code")
    void htmlGatewayErrorIsUnavailable() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(502)
                .body("<html><body>502 Bad Gateway</body></html>")
                .build());

        assertThatThrownBy(() -> model().complete(hello()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE);
                    assertThat(e.code()).isEmpty();
                    assertThat(e.requestId()).isEmpty();
                })
                .hasMessageContaining("HTTP 502: <html>");
        assertMessagesRequest(server.takeRequest());
    }
}
