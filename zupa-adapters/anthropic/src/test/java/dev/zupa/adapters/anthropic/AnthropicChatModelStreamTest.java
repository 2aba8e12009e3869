package dev.zupa.adapters.anthropic;

import static dev.zupa.adapters.anthropic.Vectors.assertMessagesRequest;
import static dev.zupa.adapters.anthropic.Vectors.json;
import static dev.zupa.adapters.anthropic.Vectors.sseResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.ResponseSchema;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.llm.ToolSpec;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.ToolCall;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnthropicChatModelStreamTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final List<String> tokens = new CopyOnWriteArrayList<>();

    private static ChatRequest greeting() {
        return ChatRequest.builder().message(Message.user("Hi, I'm Ana")).build();
    }

    @Test
    @DisplayName("6.5.1: text deltas arrive as they come; ping events are ignored")
    void deliversTextDeltasAndIgnoresPing() throws Exception {
        server.enqueue(sseResponse(Vectors.text("stream-text.sse")));

        var response = Vectors.model(server).stream(greeting(), tokens::add);

        assertThat(tokens).containsExactly("Hola", ", Ana", "!");
        assertThat(response.message().text()).isEqualTo("Hola, Ana!");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(new TokenUsage(25, 6));
        assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(response.requestId()).contains("req_stream");

        var request = server.takeRequest();
        var body = assertMessagesRequest(request);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(body)
                .isEqualTo(json("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi, I'm Ana\"}],\"stream\":true}"));
    }

    @Test
    @DisplayName("6.5.1: input_json_delta fragments split mid-key and mid-escape are joined per index;"
            + " a tool_use block starts with input {}")
    void joinsSplitToolInputPerIndexAcrossNetworkReads() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .body(Vectors.text("stream-tool-use.sse"))
                .throttleBody(37, 1, TimeUnit.MILLISECONDS)
                .build());
        var request = ChatRequest.builder()
                .message(Message.user("Book slot s-77 and show me the menu"))
                .tool(new ToolSpec("book_table", "Books a slot", json("{\"type\":\"object\"}")))
                .tool(new ToolSpec("get_menu", "Shows the menu", json("{\"type\":\"object\"}")))
                .build();

        var response = Vectors.model(server).stream(request, tokens::add);

        assertThat(tokens).containsExactly("Checking.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.message().text()).isEqualTo("Checking.");
        assertThat(response.message().toolCalls())
                .containsExactly(
                        new ToolCall("toolu_Q1", "book_table", "{\"slot_id\":\"s-77\",\"note\":\"say \\\"hi\\\"\"}"),
                        new ToolCall("toolu_Q2", "get_menu", "{}"));
        assertThat(json(response.message().toolCalls().get(0).arguments())
                        .get("note")
                        .asText())
                .isEqualTo("say \"hi\"");
        assertThat(response.usage()).isEqualTo(new TokenUsage(149, 41));

        var body = assertMessagesRequest(server.takeRequest());
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("tools")).hasSize(2);
    }

    @Test
    void honoursCrlfLineEndsAndCommentLines() throws Exception {
        server.enqueue(
                sseResponse(": keep-alive\n\n" + Vectors.text("stream-text.sse").replace("\n", "\r\n")));

        var response = Vectors.model(server).stream(greeting(), tokens::add);

        assertThat(tokens).containsExactly("Hola", ", Ana", "!");
        assertThat(response.message().text()).isEqualTo("Hola, Ana!");
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    @DisplayName("6.5.2: event error (overloaded_error) after HTTP 200 → retryable OVERLOADED")
    void overloadedErrorEventAfter200IsRetryable() throws Exception {
        server.enqueue(sseResponse(Vectors.text("stream-overloaded.sse")));

        assertThatThrownBy(() -> Vectors.model(server).stream(greeting(), tokens::add))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.OVERLOADED);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).contains("overloaded_error");
                    assertThat(e.requestId()).contains("req_stream");
                    assertThat(e.status()).isEmpty();
                })
                .hasMessageContaining("error after HTTP 200: Overloaded");
        assertThat(tokens).containsExactly("Let me");
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    @DisplayName("6.5.2: HTTP 529 on a stream request → retryable OVERLOADED before any token")
    void overloadedStatusOnAStreamRequestIsRetryable() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(529)
                .setHeader("Content-Type", "application/json")
                .setHeader("request-id", "req_529")
                .body(Vectors.text("error-529.json"))
                .build());

        assertThatThrownBy(() -> Vectors.model(server).stream(greeting(), tokens::add))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.OVERLOADED);
                    assertThat(e.status()).contains(529);
                    assertThat(e.requestId()).contains("req_529");
                });
        assertThat(tokens).isEmpty();
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    void connectionDroppedMidStreamIsAConnectionError() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .chunkedBody(Vectors.text("stream-text.sse"), 64)
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

        assertThatThrownBy(() -> Vectors.model(server).stream(greeting(), tokens::add))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION);
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(String.join("", tokens)).isIn("", "Hola", "Hola, Ana", "Hola, Ana!");
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    void streamEndingWithoutMessageStopIsAConnectionError() throws Exception {
        server.enqueue(sseResponse(Vectors.text("stream-truncated.sse")));

        assertThatThrownBy(() -> Vectors.model(server).stream(greeting(), tokens::add))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION))
                .hasMessageContaining("the stream ended before message_stop");
        assertThat(tokens).containsExactly("The menu", " today is");
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    @DisplayName("6.5.3: stop_reason max_tokens with truncated partial_json → INVALID_RESPONSE, no broken call")
    void truncatedToolInputAtMaxTokensIsInvalidResponse() throws Exception {
        server.enqueue(sseResponse(Vectors.text("stream-max-tokens-tool-use.sse")));

        assertThatThrownBy(() -> Vectors.model(server).stream(greeting(), tokens::add))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.INVALID_RESPONSE);
                    assertThat(e.code()).contains("max_tokens");
                })
                .hasMessageContaining("the input of tool call toolu_T1 (book_table) was cut off by max_tokens");
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    void refusalInAStreamIsContentRefused() throws Exception {
        server.enqueue(sseResponse(Vectors.text("stream-text.sse").replace("end_turn", "refusal")));

        assertThatThrownBy(() -> Vectors.model(server).stream(greeting(), tokens::add))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONTENT_REFUSED))
                .hasMessageContaining("the model refused: Hola, Ana!");
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    void structuredAnswerIsHandedOverAsOnePieceWhenComplete() throws Exception {
        server.enqueue(sseResponse(Vectors.text("stream-structured.sse")));
        var request = ChatRequest.builder()
                .message(Message.user("Please cancel my booking"))
                .responseSchema(new ResponseSchema("intent", json("{\"type\":\"object\"}"), false))
                .build();

        var response = Vectors.model(server).stream(request, tokens::add);

        assertThat(tokens).containsExactly("{\"intent\":\"cancel\"}");
        assertThat(response.message().text()).isEqualTo("{\"intent\":\"cancel\"}");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        var body = assertMessagesRequest(server.takeRequest());
        assertThat(body.get("tool_choice")).isEqualTo(json("{\"type\":\"tool\",\"name\":\"intent\"}"));
        assertThat(body.get("stream").asBoolean()).isTrue();
    }

    @Test
    void serverThatIgnoresStreamingAnswersAsOnePiece() throws Exception {
        server.enqueue(Vectors.jsonResponse(200, "message-text.json"));

        var response = Vectors.model(server).stream(greeting(), tokens::add);

        assertThat(tokens).containsExactly("Your table for 2 is booked for 8pm.");
        assertThat(response.usage()).isEqualTo(new TokenUsage(57, 12));
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    void slowStreamBodyAgainstTheReadTimeoutIsATimeout() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .body(Vectors.text("stream-text.sse"))
                .bodyDelay(3, TimeUnit.SECONDS)
                .build());
        var model = AnthropicChatModel.builder()
                .apiKey(Vectors.KEY)
                .baseUrl(server.url("/v1").toString())
                .httpClient(new okhttp3.OkHttpClient.Builder()
                        .readTimeout(Duration.ofMillis(200))
                        .build())
                .build();

        assertThatThrownBy(() -> model.stream(greeting(), tokens::add))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.TIMEOUT));
        assertThat(tokens).isEmpty();
        assertMessagesRequest(server.takeRequest());
    }
}
