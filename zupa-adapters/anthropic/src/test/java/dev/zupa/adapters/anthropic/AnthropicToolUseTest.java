package dev.zupa.adapters.anthropic;

import static dev.zupa.adapters.anthropic.Vectors.assertMessagesRequest;
import static dev.zupa.adapters.anthropic.Vectors.json;
import static dev.zupa.adapters.anthropic.Vectors.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.llm.ToolSpec;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageId;
import dev.zupa.core.message.ToolCall;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tools out, {@code tool_use} back, {@code tool_result} out again. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnthropicToolUseTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private static JsonNode availabilitySchema() {
        return json("{\"type\":\"object\",\"properties\":{\"date\":{\"type\":\"string\"},"
                + "\"party\":{\"type\":\"integer\"}},\"required\":[\"date\",\"party\"]}");
    }

    private static List<ToolSpec> tools() {
        return List.of(
                new ToolSpec("check_availability", "Checks free tables", availabilitySchema()),
                new ToolSpec("get_menu", "", json("{\"type\":\"object\",\"properties\":{}}")));
    }

    @Test
    @DisplayName("6.5.5: round trip request → tool_use → tool_result immediately after tool_use → answer")
    void toolUseRoundTrip() throws Exception {
        server.enqueue(jsonResponse(200, "message-tool-use.json"));
        server.enqueue(jsonResponse(200, "message-text.json"));
        var model = Vectors.model(server);
        var ask = Message.user("Table for 4 on March 14, and what vegan dishes do you have?");
        var first = ChatRequest.builder().message(ask);
        tools().forEach(first::tool);

        var toolUse = model.complete(first.build());

        assertThat(toolUse.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(toolUse.message().text()).isEqualTo("Let me check that for you.");
        assertThat(toolUse.message().toolCalls())
                .containsExactly(
                        new ToolCall("toolu_Q7", "check_availability", "{\"date\":\"2026-03-14\",\"party\":4}"),
                        new ToolCall("toolu_R8", "get_menu", "{\"diet\":\"vegan\"}"));
        assertThat(toolUse.usage()).as("cached prompt tokens count as input").isEqualTo(new TokenUsage(180, 41));
        var sent = assertMessagesRequest(server.takeRequest());
        assertThat(sent.get("tools"))
                .isEqualTo(json("[{\"name\":\"check_availability\",\"description\":\"Checks free tables\","
                        + "\"input_schema\":" + availabilitySchema() + "},"
                        + "{\"name\":\"get_menu\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}]"));
        assertThat(sent.has("tool_choice")).isFalse();

        var second = ChatRequest.builder()
                .message(ask)
                .message(toolUse.message())
                .message(new Message.Tool(MessageId.of("m-3"), "toolu_Q7", "{\"available\":true,\"slot_id\":\"s-77\"}"))
                .message(new Message.Tool(MessageId.of("m-4"), "toolu_R8", "{\"dishes\":[\"tofu curry\"]}"));
        tools().forEach(second::tool);
        var answer = model.complete(second.build());

        assertThat(answer.message().text()).isEqualTo("Your table for 2 is booked for 8pm.");
        assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
        var messages = assertMessagesRequest(server.takeRequest()).get("messages");
        assertThat(messages)
                .isEqualTo(json("[{\"role\":\"user\",\"content\":"
                        + "\"Table for 4 on March 14, and what vegan dishes do you have?\"},"
                        + "{\"role\":\"assistant\",\"content\":["
                        + "{\"type\":\"text\",\"text\":\"Let me check that for you.\"},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_Q7\",\"name\":\"check_availability\","
                        + "\"input\":{\"date\":\"2026-03-14\",\"party\":4}},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_R8\",\"name\":\"get_menu\","
                        + "\"input\":{\"diet\":\"vegan\"}}]},"
                        + "{\"role\":\"user\",\"content\":["
                        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_Q7\","
                        + "\"content\":\"{\\\"available\\\":true,\\\"slot_id\\\":\\\"s-77\\\"}\"},"
                        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_R8\","
                        + "\"content\":\"{\\\"dishes\\\":[\\\"tofu curry\\\"]}\"}]}]"));
    }

    @Test
    @DisplayName("6.5.5: tool results and the user message after them share one user message, results first")
    void toolResultsAndAFollowingUserMessageMergeIntoOneUserMessage() throws Exception {
        server.enqueue(jsonResponse(200, "message-text.json"));
        var request = ChatRequest.builder()
                .message(Message.user("What's on the menu?"))
                .message(new Message.Assistant(
                        MessageId.of("m-2"), "", List.of(new ToolCall("toolu_M1", "get_menu", ""))))
                .message(new Message.Tool(MessageId.of("m-3"), "toolu_M1", "tofu curry"))
                .message(Message.user("And for dessert?"))
                .tool(tools().get(1))
                .build();

        Vectors.model(server).complete(request);

        var messages = assertMessagesRequest(server.takeRequest()).get("messages");
        assertThat(messages)
                .isEqualTo(json("[{\"role\":\"user\",\"content\":\"What's on the menu?\"},"
                        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_M1\","
                        + "\"name\":\"get_menu\",\"input\":{}}]},"
                        + "{\"role\":\"user\",\"content\":["
                        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_M1\",\"content\":\"tofu curry\"},"
                        + "{\"type\":\"text\",\"text\":\"And for dessert?\"}]}]"));
    }

    @Test
    void toolCallArgumentsThatAreNotAnObjectAreRefusedBeforeAnythingIsSent() {
        var request = ChatRequest.builder()
                .message(Message.user("Book it"))
                .message(new Message.Assistant(
                        MessageId.of("m-2"), "", List.of(new ToolCall("call_X", "book_table", "[\"s-77\"]"))))
                .message(new Message.Tool(MessageId.of("m-3"), "call_X", "booked"))
                .build();

        assertThatThrownBy(() -> Vectors.model(server).complete(request))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST);
                    assertThat(e.status()).isEmpty();
                })
                .hasMessageContaining("the arguments of tool call call_X (book_table) are not a JSON object");
        assertThat(server.getRequestCount()).isZero();
    }
}
