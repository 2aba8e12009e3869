package dev.zupa.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.json.JsonCodec;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageId;
import dev.zupa.core.message.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestTest {
    private static final Message.System SYSTEM = new Message.System(MessageId.of("s"), "be brief");
    private static final Message.User USER = new Message.User(MessageId.of("u"), "weather in Lima?");
    private static final Message.Assistant CALLS = new Message.Assistant(
            MessageId.of("a"),
            "",
            List.of(new ToolCall("call_1", "weather", "{\"city\":\"Lima\"}"), new ToolCall("call_2", "time", "{}")));

    @Test
    void acceptsAToolRoundWithOneResultPerCall() {
        var request = ChatRequest.builder()
                .messages(List.of(SYSTEM, USER, CALLS))
                .message(new Message.Tool(MessageId.of("t1"), "call_1", "sunny"))
                .message(new Message.Tool(MessageId.of("t2"), "call_2", "noon"))
                .tool(new ToolSpec(
                        "weather",
                        "Weather by city",
                        JsonCodec.defaults().mapper().createObjectNode()))
                .maxOutputTokens(200)
                .build();

        assertThat(request.messages()).hasSize(5);
        assertThat(request.model()).isEmpty();
    }

    @Test
    void rejectsAToolCallWithoutAResult() {
        var builder = ChatRequest.builder()
                .messages(List.of(USER, CALLS))
                .message(new Message.Tool(MessageId.of("t1"), "call_1", "sunny"))
                .message(new Message.User(MessageId.of("u2"), "and?"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tool calls [call_2] have no tool message answering them");
    }

    @Test
    void rejectsAResultForACallNobodyMade() {
        var builder = ChatRequest.builder().message(USER).message(new Message.Tool(MessageId.of("t"), "call_9", "x"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("answers call 'call_9', which no earlier assistant message left open");
    }

    @Test
    void rejectsAnEmptyConversationAndBadOptions() {
        assertThatThrownBy(() -> ChatRequest.builder().build()).hasMessageContaining("at least one message");
        assertThatThrownBy(
                        () -> ChatRequest.builder().message(USER).temperature(3).build())
                .hasMessageContaining("temperature must be between 0 and 2, was 3.0");
        assertThatThrownBy(() ->
                        ChatRequest.builder().message(USER).maxOutputTokens(0).build())
                .hasMessageContaining("maxOutputTokens must be positive, was 0");
    }

    @Test
    void rejectsDuplicateAndInvalidToolNames() {
        var schema = JsonCodec.defaults().mapper().createObjectNode();
        var tool = new ToolSpec("menu", "The menu", schema);
        assertThatThrownBy(() -> ChatRequest.builder()
                        .message(USER)
                        .tool(tool)
                        .tool(tool)
                        .build())
                .hasMessageContaining("two tools are named 'menu'");
        assertThatThrownBy(() -> new ToolSpec("look up menu", "x", schema))
                .hasMessageContaining("tool name must be 1-64 letters, digits, '_' or '-', was 'look up menu'");
    }
}
