package dev.zupa.adapters.anthropic;

import static dev.zupa.adapters.anthropic.Vectors.KEY;
import static dev.zupa.adapters.anthropic.Vectors.assertMessagesRequest;
import static dev.zupa.adapters.anthropic.Vectors.json;
import static dev.zupa.adapters.anthropic.Vectors.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.message.Message;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnthropicChatModelTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private static ChatRequest hello() {
        return ChatRequest.builder()
                .message(Message.system("You are Zupa, a booking assistant."))
                .message(Message.user("Book a table for 2 tomorrow at 8pm"))
                .build();
    }

    @Test
    @DisplayName("6.5.5: system is top-level and anthropic-version is set; a text answer maps usage and request id")
    void repliesWithTextAndSendsSystemTopLevel() throws Exception {
        server.enqueue(jsonResponse(200, "message-text.json"));

        var response = Vectors.model(server).complete(hello());

        assertThat(response.message().text()).isEqualTo("Your table for 2 is booked for 8pm.");
        assertThat(response.message().toolCalls()).isEmpty();
        assertThat(response.usage()).isEqualTo(new TokenUsage(57, 12));
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(response.requestId()).contains("req_200");

        var request = server.takeRequest();
        var body = assertMessagesRequest(request);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(body)
                .isEqualTo(json("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,"
                        + "\"system\":\"You are Zupa, a booking assistant.\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Book a table for 2 tomorrow at 8pm\"}]}"));
    }

    @Test
    @DisplayName("6.5.5: system messages anywhere in the conversation move to the top-level system, in order")
    void severalSystemMessagesBecomeTopLevelTextBlocks() throws Exception {
        server.enqueue(jsonResponse(200, "message-text.json"));
        var request = ChatRequest.builder()
                .message(Message.system("You are Zupa."))
                .message(Message.user("Hi"))
                .message(Message.assistant("Hello! How can I help?"))
                .message(Message.system("The user is a VIP."))
                .message(Message.user("A table, please"))
                .build();

        Vectors.model(server).complete(request);

        var body = assertMessagesRequest(server.takeRequest());
        assertThat(body.get("system"))
                .isEqualTo(json("[{\"type\":\"text\",\"text\":\"You are Zupa.\"},"
                        + "{\"type\":\"text\",\"text\":\"The user is a VIP.\"}]"));
        assertThat(body.get("messages"))
                .isEqualTo(json("[{\"role\":\"user\",\"content\":\"Hi\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Hello! How can I help?\"},"
                        + "{\"role\":\"user\",\"content\":\"A table, please\"}]"));
    }

    @Test
    void sendsModelOutputCapTemperatureAndVersionFromBuilderAndRequest() throws Exception {
        server.enqueue(jsonResponse(200, "message-text.json"));
        server.enqueue(jsonResponse(200, "message-text.json"));
        var model = AnthropicChatModel.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/proxy/v1/").toString())
                .model("claude-haiku-4-5")
                .maxTokens(512)
                .anthropicVersion("2023-06-01")
                .build();

        model.complete(ChatRequest.builder().message(Message.user("hi")).build());
        model.complete(ChatRequest.builder()
                .model("claude-opus-4-1")
                .message(Message.user("hi"))
                .maxOutputTokens(64)
                .temperature(0.3)
                .build());

        var first = assertMessagesRequest(server.takeRequest(), "/proxy/v1/messages");
        assertThat(first)
                .isEqualTo(json("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":512,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        var second = assertMessagesRequest(server.takeRequest(), "/proxy/v1/messages");
        assertThat(second)
                .isEqualTo(json("{\"model\":\"claude-opus-4-1\",\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.3}"));
    }

    @Test
    void temperatureAboveOneIsRefusedBeforeAnythingIsSent() {
        var request = ChatRequest.builder()
                .message(Message.user("hi"))
                .temperature(1.5)
                .build();

        assertThatThrownBy(() -> Vectors.model(server).complete(request))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST);
                    assertThat(e.status()).isEmpty();
                })
                .hasMessageContaining("temperature must be between 0 and 1 for Anthropic, was 1.5");
        assertThat(server.getRequestCount()).isZero();
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("{\"id\":\"msg_X\",\"content\":[{\"type\":", "the response body is not JSON"),
                Arguments.of("<html>Bad gateway</html>", "the response body is not JSON"),
                Arguments.of("[1,2]", "the response body is not a JSON object"),
                Arguments.of(
                        "{\"type\":\"message\",\"stop_reason\":\"end_turn\"}", "the response has no content array"),
                Arguments.of("{\"content\":[\"hi\"]}", "a content block is not a JSON object"),
                Arguments.of(
                        "{\"content\":[{\"type\":\"tool_use\",\"name\":\"book_table\",\"input\":{}}]}",
                        "a tool_use block has no id or no name"),
                Arguments.of(
                        "{\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"book_table\","
                                + "\"input\":\"{\\\"slot\\\":1}\"}],\"stop_reason\":\"tool_use\"}",
                        "the input of tool call toolu_1 (book_table) is not a JSON object"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedBodies")
    void malformedBodyIsInvalidResponse(String body, String message) throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .setHeader("request-id", "req_bad")
                .body(body)
                .build());

        assertThatThrownBy(() -> Vectors.model(server).complete(hello()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.INVALID_RESPONSE);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.vendor()).isEqualTo("anthropic");
                    assertThat(e.requestId()).contains("req_bad");
                })
                .hasMessageContaining(message);
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    void slowHeadersAgainstTheClientReadTimeoutAreATimeout() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .headersDelay(3, TimeUnit.SECONDS)
                .body(Vectors.text("message-text.json"))
                .build());
        var model = AnthropicChatModel.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString())
                .httpClient(new OkHttpClient.Builder()
                        .readTimeout(Duration.ofMillis(200))
                        .build())
                .build();

        assertThatThrownBy(() -> model.complete(hello()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.TIMEOUT);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEmpty();
                })
                .hasMessageStartingWith("anthropic timeout");
        assertMessagesRequest(server.takeRequest());
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void connectionResetBeforeTheAnswerIsAConnectionErrorWithOneAttempt() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .body(Vectors.text("message-text.json"))
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());

        assertThatThrownBy(() -> Vectors.model(server).complete(hello()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION);
                    assertThat(e.retryable()).isTrue();
                })
                .hasMessageStartingWith("anthropic connection");
        assertMessagesRequest(server.takeRequest());
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void bodyCutOffMidwayIsAConnectionError() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body(Vectors.text("message-text.json"))
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

        assertThatThrownBy(() -> Vectors.model(server).complete(hello()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION));
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    void toStringShowsTheEndpointButNeverTheKey() {
        var model = AnthropicChatModel.builder().apiKey(KEY).build();

        assertThat(model.toString())
                .isEqualTo("AnthropicChatModel[endpoint=https://api.anthropic.com/v1/messages,"
                        + " model=claude-sonnet-4-5, maxTokens=4096, anthropicVersion=2023-06-01,"
                        + " apiKey=[redacted]]")
                .doesNotContain(KEY);
    }

    @Test
    void builderRejectsBadInputNamingIt() {
        assertThatThrownBy(() -> AnthropicChatModel.builder().apiKey(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("apiKey must not be blank");
        assertThatThrownBy(() -> AnthropicChatModel.builder().baseUrl("ftp://example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUrl must be an http or https URL, was 'ftp://example.com'");
        assertThatThrownBy(() -> AnthropicChatModel.builder().baseUrl("https://example.com/v1?beta=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUrl must not have a query or fragment, was 'https://example.com/v1?beta=1'");
        assertThatThrownBy(() -> AnthropicChatModel.builder().maxTokens(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTokens must be positive, was 0");
        assertThatThrownBy(() -> AnthropicChatModel.builder().anthropicVersion(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("anthropicVersion must not be blank");
        assertThatThrownBy(() -> AnthropicChatModel.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an Anthropic chat model needs an apiKey");
    }
}
