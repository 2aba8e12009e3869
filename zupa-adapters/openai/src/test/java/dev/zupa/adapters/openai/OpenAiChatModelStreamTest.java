package dev.zupa.adapters.openai;

import static dev.zupa.adapters.openai.Vectors.KEY;
import static dev.zupa.adapters.openai.Vectors.assertChatRequest;
import static dev.zupa.adapters.openai.Vectors.json;
import static dev.zupa.adapters.openai.Vectors.sseResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.llm.ToolSpec;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.ToolCall;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiChatModelStreamTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final List<String> tokens = new CopyOnWriteArrayList<>();

    private OpenAiChatModel model() {
        return OpenAiChatModel.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString())
                .build();
    }

    private static ChatRequest greeting() {
        return ChatRequest.builder().message(Message.user("Hi, I'm Ana")).build();
    }

    @Test
    void deliversTextDeltasAsTheyArrive() throws Exception {
        server.enqueue(sseResponse(Vectors.text("stream-text.sse")));

        var response = model().stream(greeting(), tokens::add);

        assertThat(tokens).containsExactly("Hola", ", Ana", "!");
        assertThat(response.message().text()).isEqualTo("Hola, Ana!");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(new TokenUsage(21, 4));
        assertThat(response.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(response.requestId()).contains("req_stream");

        var request = server.takeRequest();
        var body = assertChatRequest(request, "/v1/chat/completions");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(body)
                .isEqualTo(json(
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi, I'm Ana\"}],"
                                + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
    }

    @Test
    void assemblesParallelToolCallsSplitMidTokenAcrossReads() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .body(Vectors.text("stream-tool-calls.sse"))
                .throttleBody(37, 1, TimeUnit.MILLISECONDS)
                .build());
        var request = ChatRequest.builder()
                .message(Message.user("Weather and time in Cusco?"))
                .tool(new ToolSpec("get_weather", "Weather for a city", json("{\"type\":\"object\"}")))
                .tool(new ToolSpec("get_time", "Time in a zone", json("{\"type\":\"object\"}")))
                .build();

        var response = model().stream(request, tokens::add);

        assertThat(tokens).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.message().toolCalls())
                .containsExactly(
                        new ToolCall("call_W1", "get_weather", "{\"city\": \"Cusco\", \"note\": \"say \\\"hi\\\"\"}"),
                        new ToolCall("call_W2", "get_time", "{\"tz\":\"America/Lima\"}"));
        assertThat(json(response.message().toolCalls().get(0).arguments())
                        .get("note")
                        .asText())
                .isEqualTo("say \"hi\"");
        assertThat(response.usage()).isEqualTo(new TokenUsage(149, 60));
        assertThat(response.model()).isEqualTo("gpt-4o-2024-08-06");

        var body = assertChatRequest(server.takeRequest(), "/v1/chat/completions");
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("tools")).hasSize(2);
    }

    @Test
    void honoursSseFramingWithCrlfCommentsAndMultiLineData() throws Exception {
        server.enqueue(sseResponse(Vectors.text("stream-framing.sse").replace("\n", "\r\n")));

        var response = model().stream(greeting(), tokens::add);

        assertThat(tokens).containsExactly("Buenos", " días");
        assertThat(response.message().text()).isEqualTo("Buenos días");
        assertThat(response.model()).isEqualTo("llama3.1:8b");
        assertThat(response.usage()).isEqualTo(TokenUsage.none());
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }

    @Test
    void errorObjectInsideA200StreamFails() throws Exception {
        server.enqueue(sseResponse(Vectors.text("stream-error.sse")));

        assertThatThrownBy(() -> model().stream(greeting(), tokens::add))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE);
                    assertThat(e.code()).contains("server_error");
                    assertThat(e.requestId()).contains("req_stream");
                })
                .hasMessageContaining("The server had an error while processing your request.");
        assertThat(tokens).containsExactly("Let me");
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }

    @Test
    void streamEndingWithoutDoneIsAConnectionError() throws Exception {
        server.enqueue(sseResponse(Vectors.text("stream-truncated.sse")));

        assertThatThrownBy(() -> model().stream(greeting(), tokens::add))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION);
                    assertThat(e.retryable()).isTrue();
                })
                .hasMessageContaining("the stream ended before [DONE]");
        assertThat(tokens).containsExactly("The menu", " today is");
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }

    @Test
    void connectionDroppedMidStreamIsAConnectionError() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .chunkedBody(Vectors.text("stream-text.sse"), 64)
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

        assertThatThrownBy(() -> model().stream(greeting(), tokens::add))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION));
        assertThat(String.join("", tokens)).isIn("", "Hola", "Hola, Ana", "Hola, Ana!");
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }

    @Test
    void refusalInAStreamIsContentRefused() throws Exception {
        server.enqueue(sseResponse(
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"refusal\":\"I can't\"}}]}\n\n"
                        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\" do that.\"},\"finish_reason\":\"stop\"}]}\n\n"
                        + "data: [DONE]\n\n"));

        assertThatThrownBy(() -> model().stream(greeting(), tokens::add))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONTENT_REFUSED))
                .hasMessageContaining("I can't do that.");
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }

    @Test
    void errorStatusOnAStreamRequestIsMappedLikeComplete() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Content-Type", "application/json")
                .setHeader("retry-after", "2")
                .body(Vectors.text("error-429-rate-limit.json"))
                .build());

        assertThatThrownBy(() -> model().stream(greeting(), tokens::add))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(2));
                });
        assertThat(tokens).isEmpty();
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }

    @Test
    void serverThatIgnoresStreamingAnswersAsOnePiece() throws Exception {
        server.enqueue(Vectors.jsonResponse(200, "chat-text.json"));

        var response = model().stream(greeting(), tokens::add);

        assertThat(tokens).containsExactly("Your table for 2 is booked for 8pm.");
        assertThat(response.usage()).isEqualTo(new TokenUsage(57, 12));
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }
}
