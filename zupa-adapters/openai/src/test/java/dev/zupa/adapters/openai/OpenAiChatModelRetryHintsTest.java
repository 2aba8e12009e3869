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
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The adapter's half of PROVIDERS 6.1.5 and 6.1.7: retrying belongs to the caller's policy, so a failing call makes
 * one request and reports what the policy needs (kind, wait), and the next call starts afresh.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiChatModelRetryHintsTest {
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

    private static MockResponse failure(int status, String vector, String header, String value) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .setHeader(header, value)
                .body(Vectors.text(vector))
                .build();
    }

    @Test
    @DisplayName("6.1.5 429 with retry-after-ms 1200 then 200: one request per call, the wait reported, no own retry")
    void rateLimitThenSuccess() throws Exception {
        server.enqueue(failure(429, "error-429-rate-limit.json", "retry-after-ms", "1200"));
        server.enqueue(Vectors.jsonResponse(200, "chat-text.json"));
        var model = model();

        assertThatThrownBy(() -> model.complete(hello())).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderErrorKind.RATE_LIMITED);
            assertThat(e.retryAfter()).contains(Duration.ofMillis(1200));
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(model.complete(hello()).message().text()).isEqualTo("Your table for 2 is booked for 8pm.");

        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("6.1.7 500 then 503 then 200: each failure transient, one request each, then the answer")
    void serverErrorsThenSuccess() throws Exception {
        server.enqueue(failure(500, "error-500.json", "x-request-id", "req_1"));
        server.enqueue(failure(503, "error-503-overloaded.json", "x-request-id", "req_2"));
        server.enqueue(Vectors.jsonResponse(200, "chat-text.json"));
        var model = model();

        assertThatThrownBy(() -> model.complete(hello())).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE);
            assertThat(e.retryable()).isTrue();
        });
        assertThatThrownBy(() -> model.complete(hello())).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderErrorKind.OVERLOADED);
            assertThat(e.retryable()).isTrue();
        });
        assertThat(model.complete(hello()).requestId()).contains("req_200");

        for (int i = 0; i < 3; i++) {
            assertChatRequest(server.takeRequest(), "/v1/chat/completions");
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("6.1.7 retry-after: 300 is reported as is, so the policy can give up rather than wait")
    void longRetryAfterIsReported() throws Exception {
        server.enqueue(failure(429, "error-429-rate-limit.json", "retry-after", "300"));

        assertThatThrownBy(() -> model().complete(hello()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(5)));
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
