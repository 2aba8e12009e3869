package dev.zupa.adapters.openai;

import static dev.zupa.adapters.openai.Vectors.KEY;
import static dev.zupa.adapters.openai.Vectors.assertChatRequest;
import static dev.zupa.adapters.openai.Vectors.json;
import static dev.zupa.adapters.openai.Vectors.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.ResponseSchema;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.llm.ToolSpec;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageId;
import dev.zupa.core.message.ToolCall;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiChatModelTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private OpenAiChatModel model() {
        return OpenAiChatModel.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString())
                .build();
    }

    private static ChatRequest hello() {
        return ChatRequest.builder()
                .message(Message.system("You are Zupa, a booking assistant."))
                .message(Message.user("Book a table for 2 tomorrow at 8pm"))
                .build();
    }

    private static JsonNode weatherSchema() {
        return json("{\"type\":\"object\",\"additionalProperties\":false,"
                + "\"properties\":{\"date\":{\"type\":\"string\"},\"party\":{\"type\":\"integer\"}},"
                + "\"required\":[\"date\",\"party\"]}");
    }

    @Test
    void repliesWithPlainText() throws Exception {
        server.enqueue(jsonResponse(200, "chat-text.json"));

        var response = model().complete(hello());

        assertThat(response.message().text()).isEqualTo("Your table for 2 is booked for 8pm.");
        assertThat(response.message().toolCalls()).isEmpty();
        assertThat(response.usage()).isEqualTo(new TokenUsage(57, 12));
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(response.requestId()).contains("req_200");

        var request = server.takeRequest();
        var body = assertChatRequest(request, "/v1/chat/completions");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(body)
                .isEqualTo(json("{\"model\":\"gpt-4o-mini\",\"messages\":["
                        + "{\"role\":\"system\",\"content\":\"You are Zupa, a booking assistant.\"},"
                        + "{\"role\":\"user\",\"content\":\"Book a table for 2 tomorrow at 8pm\"}]}"));
        assertThat(request.getHeaders().get("OpenAI-Organization")).isNull();
        assertThat(request.getHeaders().get("OpenAI-Project")).isNull();
        assertThat(request.getHeaders().get("X-Client-Request-Id")).isNull();
    }

    @Test
    void returnsParallelToolCallsInOrder() throws Exception {
        server.enqueue(jsonResponse(200, "chat-parallel-tool-calls.json"));
        var request = ChatRequest.builder()
                .message(Message.user("Table for 4 on March 14, and what vegan dishes do you have?"))
                .tool(new ToolSpec("check_availability", "Checks free tables", weatherSchema()))
                .tool(new ToolSpec("get_menu", "", json("{\"type\":\"object\",\"properties\":{}}")))
                .build();

        var response = model().complete(request);

        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.message().text()).isEmpty();
        assertThat(response.message().toolCalls())
                .containsExactly(
                        new ToolCall("call_Q7", "check_availability", "{\"date\":\"2026-03-14\",\"party\":4}"),
                        new ToolCall("call_R8", "get_menu", "{\"diet\":\"vegan\"}"));
        assertThat(response.usage()).isEqualTo(new TokenUsage(180, 41));

        var body = assertChatRequest(server.takeRequest(), "/v1/chat/completions");
        assertThat(body.get("tools"))
                .isEqualTo(json("[{\"type\":\"function\",\"function\":{\"name\":\"check_availability\","
                        + "\"description\":\"Checks free tables\",\"parameters\":" + weatherSchema() + "}},"
                        + "{\"type\":\"function\",\"function\":{\"name\":\"get_menu\","
                        + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]"));
    }

    @Test
    void sendsToolResultsAnsweringEachCallInOrder() throws Exception {
        server.enqueue(jsonResponse(200, "chat-text.json"));
        var request = ChatRequest.builder()
                .message(Message.user("Table for 4 on March 14, and the vegan menu?"))
                .message(new Message.Assistant(
                        MessageId.of("m-2"),
                        "",
                        List.of(
                                new ToolCall("call_Q7", "check_availability", "{\"date\":\"2026-03-14\",\"party\":4}"),
                                new ToolCall("call_R8", "get_menu", "{\"diet\":\"vegan\"}"))))
                .message(new Message.Tool(MessageId.of("m-3"), "call_Q7", "{\"available\":true,\"slot_id\":\"s-77\"}"))
                .message(new Message.Tool(MessageId.of("m-4"), "call_R8", "{\"dishes\":[\"tofu curry\"]}"))
                .tool(new ToolSpec("check_availability", "Checks free tables", weatherSchema()))
                .build();

        model().complete(request);

        var messages =
                assertChatRequest(server.takeRequest(), "/v1/chat/completions").get("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(1))
                .isEqualTo(json("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                        + "{\"id\":\"call_Q7\",\"type\":\"function\",\"function\":{\"name\":\"check_availability\","
                        + "\"arguments\":\"{\\\"date\\\":\\\"2026-03-14\\\",\\\"party\\\":4}\"}},"
                        + "{\"id\":\"call_R8\",\"type\":\"function\",\"function\":{\"name\":\"get_menu\","
                        + "\"arguments\":\"{\\\"diet\\\":\\\"vegan\\\"}\"}}]}"));
        assertThat(messages.get(1)
                        .get("tool_calls")
                        .get(0)
                        .get("function")
                        .get("arguments")
                        .isTextual())
                .isTrue();
        assertThat(messages.get(2))
                .isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":\"call_Q7\","
                        + "\"content\":\"{\\\"available\\\":true,\\\"slot_id\\\":\\\"s-77\\\"}\"}"));
        assertThat(messages.get(3))
                .isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":\"call_R8\","
                        + "\"content\":\"{\\\"dishes\\\":[\\\"tofu curry\\\"]}\"}"));
    }

    @Test
    void sendsStructuredOutputSchemaAndOptions() throws Exception {
        server.enqueue(jsonResponse(200, "chat-structured.json"));
        var schema = json("{\"type\":\"object\",\"additionalProperties\":false,"
                + "\"properties\":{\"intent\":{\"type\":\"string\",\"enum\":[\"book\",\"cancel\",\"other\"]}},"
                + "\"required\":[\"intent\"]}");
        var request = ChatRequest.builder()
                .model("gpt-4o-2024-08-06")
                .message(Message.user("Please cancel my booking"))
                .responseSchema(new ResponseSchema("intent", schema, true))
                .maxOutputTokens(50)
                .temperature(0.2)
                .build();

        var response = model().complete(request);

        assertThat(json(response.message().text())).isEqualTo(json("{\"intent\":\"cancel\"}"));
        var body = assertChatRequest(server.takeRequest(), "/v1/chat/completions");
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(body.get("response_format"))
                .isEqualTo(json("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"intent\",\"strict\":true,"
                        + "\"schema\":" + schema + "}}"));
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(50);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("stream")).isFalse();
    }

    static Stream<Arguments> finishReasons() {
        return Stream.of(
                Arguments.of("chat-text.json", FinishReason.STOP, new TokenUsage(57, 12)),
                Arguments.of("chat-parallel-tool-calls.json", FinishReason.TOOL_CALLS, new TokenUsage(180, 41)),
                Arguments.of("chat-length.json", FinishReason.LENGTH, new TokenUsage(30, 8)),
                Arguments.of("chat-content-filter.json", FinishReason.CONTENT_FILTER, new TokenUsage(31, 0)));
    }

    @ParameterizedTest
    @MethodSource("finishReasons")
    void mapsFinishReasonAndUsage(String vector, FinishReason reason, TokenUsage usage) throws Exception {
        server.enqueue(jsonResponse(200, vector));

        var response = model().complete(hello());

        assertThat(response.finishReason()).isEqualTo(reason);
        assertThat(response.usage()).isEqualTo(usage);
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }

    @Test
    void refusalIsContentRefused() throws Exception {
        server.enqueue(jsonResponse(200, "chat-refusal.json"));

        assertThatThrownBy(() -> model().complete(hello()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONTENT_REFUSED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.requestId()).contains("req_200");
                })
                .hasMessageContaining("I can't help with that request.");
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("{\"id\":\"chatcmpl-X\",\"choices\":[{\"index\":0,", "the response body is not JSON"),
                Arguments.of("<html>Bad gateway</html>", "the response body is not JSON"),
                Arguments.of("[1,2]", "not a JSON object"),
                Arguments.of(Vectors.text("chat-no-choices.json"), "the response has no choices"),
                Arguments.of("{\"choices\":[{\"index\":0}]}", "the first choice has no message"),
                Arguments.of(
                        Vectors.text("chat-truncated-arguments.json"),
                        "the arguments of tool call call_T1 (book_table) are not valid JSON"));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void malformedBodyIsInvalidResponse(String body, String message) throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build());

        assertThatThrownBy(() -> model().complete(hello()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.INVALID_RESPONSE);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining(message);
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }

    @Test
    void sendsOrganizationProjectAndCorrelationHeaders() throws Exception {
        server.enqueue(jsonResponse(200, "chat-text.json"));
        var model = OpenAiChatModel.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString())
                .organization("org-zupa")
                .project("proj_bookings")
                .model("gpt-4.1-mini")
                .build();
        var request = ChatRequest.builder()
                .message(Message.user("hi"))
                .metadata(OpenAiChatModel.CORRELATION_ID, "turn-42-abc")
                .build();

        model.complete(request);

        var recorded = server.takeRequest();
        var body = assertChatRequest(recorded, "/v1/chat/completions");
        assertThat(body.get("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(recorded.getHeaders().get("OpenAI-Organization")).isEqualTo("org-zupa");
        assertThat(recorded.getHeaders().get("OpenAI-Project")).isEqualTo("proj_bookings");
        assertThat(recorded.getHeaders().get("X-Client-Request-Id")).isEqualTo("turn-42-abc");
    }

    @Test
    void dropsACorrelationIdThatIsNotAscii() throws Exception {
        server.enqueue(jsonResponse(200, "chat-text.json"));
        var request = ChatRequest.builder()
                .message(Message.user("hi"))
                .metadata(OpenAiChatModel.CORRELATION_ID, "turno-ñ")
                .build();

        model().complete(request);

        var recorded = server.takeRequest();
        assertChatRequest(recorded, "/v1/chat/completions");
        assertThat(recorded.getHeaders().get("X-Client-Request-Id")).isNull();
    }

    @Test
    void appendsToACustomBaseUrlWithPathPrefix() throws Exception {
        server.enqueue(jsonResponse(200, "chat-text.json"));
        server.enqueue(jsonResponse(200, "chat-text.json"));
        var base = server.url("/ollama/v1").toString();

        OpenAiChatModel.builder().apiKey(KEY).baseUrl(base).build().complete(hello());
        OpenAiChatModel.builder().apiKey(KEY).baseUrl(base + "/").build().complete(hello());

        assertChatRequest(server.takeRequest(), "/ollama/v1/chat/completions");
        assertChatRequest(server.takeRequest(), "/ollama/v1/chat/completions");
    }

    @Test
    void slowHeadersAgainstTheClientReadTimeoutAreATimeout() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .headersDelay(3, TimeUnit.SECONDS)
                .body(Vectors.text("chat-text.json"))
                .build());
        var client =
                new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build();
        var model = OpenAiChatModel.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString())
                .httpClient(client)
                .build();

        assertThatThrownBy(() -> model.complete(hello()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.TIMEOUT);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEmpty();
                })
                .hasMessageContaining("openai timeout");
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void bodyCutOffMidwayIsAConnectionError() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body(Vectors.text("chat-text.json"))
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

        assertThatThrownBy(() -> model().complete(hello()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION));
        assertChatRequest(server.takeRequest(), "/v1/chat/completions");
    }

    @Test
    void oneModelServesConcurrentCalls() throws Exception {
        int calls = 8;
        for (int i = 0; i < calls; i++) {
            server.enqueue(jsonResponse(200, "chat-text.json"));
        }
        var model = model();

        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new ArrayList<Future<ChatResponse>>();
            for (int i = 0; i < calls; i++) {
                answers.add(executor.submit(() -> model.complete(hello())));
            }
            for (var answer : answers) {
                assertThat(answer.get().message().text()).isEqualTo("Your table for 2 is booked for 8pm.");
            }
        }

        for (int i = 0; i < calls; i++) {
            assertChatRequest(server.takeRequest(), "/v1/chat/completions");
        }
        assertThat(server.getRequestCount()).isEqualTo(calls);
    }

    @Test
    void toStringShowsTheEndpointButNeverTheKey() {
        var model =
                OpenAiChatModel.builder().apiKey(KEY).organization("org-zupa").build();

        assertThat(model.toString())
                .contains("https://api.openai.com/v1/chat/completions", "gpt-4o-mini", "org-zupa")
                .doesNotContain(KEY)
                .doesNotContain("Zu9a");
    }

    @Test
    void builderRejectsBadInputNamingIt() {
        assertThatThrownBy(() -> OpenAiChatModel.builder().apiKey(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("apiKey must not be blank");
        assertThatThrownBy(() -> OpenAiChatModel.builder().baseUrl("ftp://example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUrl must be an http or https URL, was 'ftp://example.com'");
        assertThatThrownBy(() -> OpenAiChatModel.builder().model(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model must not be blank");
        assertThatThrownBy(() -> OpenAiChatModel.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an OpenAI chat model needs an apiKey");
    }
}
