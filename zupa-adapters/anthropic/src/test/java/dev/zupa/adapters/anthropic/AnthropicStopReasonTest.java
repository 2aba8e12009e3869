package dev.zupa.adapters.anthropic;

import static dev.zupa.adapters.anthropic.Vectors.assertMessagesRequest;
import static dev.zupa.adapters.anthropic.Vectors.json;
import static dev.zupa.adapters.anthropic.Vectors.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.message.Message;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code stop_reason} → {@link FinishReason}, and the stop reasons that are not a plain finish. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnthropicStopReasonTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private static ChatRequest ask() {
        return ChatRequest.builder()
                .message(Message.user("When does the restaurant open?"))
                .build();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "end_turn, STOP",
        "stop_sequence, STOP",
        "max_tokens, LENGTH",
        "model_context_window_exceeded, LENGTH",
        "something_new, OTHER",
    })
    void mapsStopReason(String stopReason, FinishReason finish) throws Exception {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body("{\"type\":\"message\",\"model\":\"claude-sonnet-4-5-20250929\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"We open at\"}],"
                        + "\"stop_reason\":\"" + stopReason + "\",\"usage\":{\"input_tokens\":9,\"output_tokens\":3}}")
                .build());

        var response = Vectors.model(server).complete(ask());

        assertThat(response.finishReason()).isEqualTo(finish);
        assertThat(response.message().text()).isEqualTo("We open at");
        assertThat(response.usage()).isEqualTo(new TokenUsage(9, 3));
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    @DisplayName("6.5.4: stop_reason refusal is surfaced to the conversation policy as CONTENT_REFUSED")
    void refusalIsContentRefused() throws Exception {
        server.enqueue(jsonResponse(200, "message-refusal.json"));

        assertThatThrownBy(() -> Vectors.model(server).complete(ask()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONTENT_REFUSED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).contains("refusal");
                    assertThat(e.requestId()).contains("req_200");
                })
                .hasMessageContaining("the model refused: I can't help with that request.");
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    @DisplayName("6.5.4: pause_turn → the paused answer is sent back as-is and the turn continues")
    void pauseTurnIsSentBackAsIs() throws Exception {
        server.enqueue(jsonResponse(200, "message-pause-turn.json"));
        server.enqueue(jsonResponse(200, "message-text.json"));

        var response = Vectors.model(server).complete(ask());

        assertThat(response.message().text()).isEqualTo("Let me look that up. Your table for 2 is booked for 8pm.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).as("both exchanges are billed").isEqualTo(new TokenUsage(157, 42));
        var first = assertMessagesRequest(server.takeRequest());
        var second = assertMessagesRequest(server.takeRequest());
        ObjectNode expected = first.deepCopy();
        ArrayNode pausedContent =
                (ArrayNode) json(Vectors.text("message-pause-turn.json")).get("content");
        ((ArrayNode) expected.get("messages"))
                .addObject()
                .put("role", "assistant")
                .set("content", pausedContent);
        assertThat(second).isEqualTo(expected);
    }

    @Test
    void pauseTurnIsContinuedAtMostMaxContinuationsTimes() throws Exception {
        for (int i = 0; i <= AnthropicChatModel.MAX_CONTINUATIONS; i++) {
            server.enqueue(jsonResponse(200, "message-pause-turn.json"));
        }

        var response = Vectors.model(server).complete(ask());

        assertThat(response.finishReason()).isEqualTo(FinishReason.OTHER);
        assertThat(server.getRequestCount()).isEqualTo(AnthropicChatModel.MAX_CONTINUATIONS + 1);
        var last = assertMessagesRequest(server.takeRequest());
        for (int i = 0; i < AnthropicChatModel.MAX_CONTINUATIONS; i++) {
            last = assertMessagesRequest(server.takeRequest());
        }
        assertThat(last.get("messages")).hasSize(2);
        assertThat(last.get("messages").get(1).get("content")).hasSize(2 * AnthropicChatModel.MAX_CONTINUATIONS);
    }

    @Test
    @DisplayName("6.5.3: stop_reason max_tokens inside a tool_use block → the incomplete call is not returned")
    void maxTokensInsideToolUseIsInvalidResponse() throws Exception {
        server.enqueue(jsonResponse(200, "message-max-tokens-tool-use.json"));

        assertThatThrownBy(() -> Vectors.model(server).complete(ask()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.INVALID_RESPONSE);
                    assertThat(e.code()).contains("max_tokens");
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining("the input of tool call toolu_T1 (book_table) was cut off by max_tokens");
        assertMessagesRequest(server.takeRequest());
    }
}
