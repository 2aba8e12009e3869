package dev.zupa.adapters.anthropic;

import static dev.zupa.adapters.anthropic.Vectors.assertMessagesRequest;
import static dev.zupa.adapters.anthropic.Vectors.json;
import static dev.zupa.adapters.anthropic.Vectors.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.ResponseSchema;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.llm.ToolSpec;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.ToolCall;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A {@link ResponseSchema} travels as a tool the model must call; its input is the reply. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnthropicStructuredOutputTest {
    private static final String ANSWER_DESCRIPTION =
            "Give your final answer by calling this tool; its input is the whole answer.";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private static JsonNode intentSchema() {
        return json("{\"type\":\"object\",\"additionalProperties\":false,"
                + "\"properties\":{\"intent\":{\"type\":\"string\",\"enum\":[\"book\",\"cancel\",\"other\"]}},"
                + "\"required\":[\"intent\"]}");
    }

    @Test
    void structuredOutputIsAForcedToolWhoseInputIsTheReply() throws Exception {
        server.enqueue(jsonResponse(200, "message-structured.json"));
        var request = ChatRequest.builder()
                .message(Message.user("Please cancel my booking"))
                .responseSchema(new ResponseSchema("intent", intentSchema(), true))
                .build();

        var response = Vectors.model(server).complete(request);

        assertThat(response.message().text()).isEqualTo("{\"intent\":\"cancel\"}");
        assertThat(response.message().toolCalls()).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(new TokenUsage(310, 22));
        var body = assertMessagesRequest(server.takeRequest());
        assertThat(body.get("tools"))
                .isEqualTo(json("[{\"name\":\"intent\",\"description\":\"" + ANSWER_DESCRIPTION + "\","
                        + "\"input_schema\":" + intentSchema() + ",\"strict\":true}]"));
        assertThat(body.get("tool_choice")).isEqualTo(json("{\"type\":\"tool\",\"name\":\"intent\"}"));
        assertThat(body.has("response_format")).isFalse();
    }

    @Test
    void withOtherToolsTheModelMustCallSomeToolAndRealCallsComeBackAsCalls() throws Exception {
        server.enqueue(jsonResponse(200, "message-tool-use.json"));
        var request = ChatRequest.builder()
                .message(Message.user("Table for 4 on March 14?"))
                .tool(new ToolSpec("check_availability", "Checks free tables", json("{\"type\":\"object\"}")))
                .tool(new ToolSpec("get_menu", "Shows the menu", json("{\"type\":\"object\"}")))
                .responseSchema(new ResponseSchema("Booking reply!", intentSchema(), false))
                .build();

        var response = Vectors.model(server).complete(request);

        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.message().toolCalls())
                .extracting(ToolCall::name)
                .containsExactly("check_availability", "get_menu");
        var body = assertMessagesRequest(server.takeRequest());
        assertThat(body.get("tools")).hasSize(3);
        assertThat(body.get("tools").get(2))
                .as("the schema name is made a valid tool name; strict is only sent when asked for")
                .isEqualTo(json("{\"name\":\"Booking_reply_\",\"description\":\"" + ANSWER_DESCRIPTION + "\","
                        + "\"input_schema\":" + intentSchema() + "}"));
        assertThat(body.get("tool_choice")).isEqualTo(json("{\"type\":\"any\"}"));
    }

    @Test
    void aSchemaThatIsNotAnObjectIsRefusedBeforeAnythingIsSent() {
        var request = ChatRequest.builder()
                .message(Message.user("List three dishes"))
                .responseSchema(new ResponseSchema("dishes", json("{\"type\":\"array\"}"), false))
                .build();

        assertThatThrownBy(() -> Vectors.model(server).complete(request))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST))
                .hasMessageContaining("response schema 'dishes' must have \"type\": \"object\"");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aSchemaNamedLikeOneOfTheToolsIsRefusedBeforeAnythingIsSent() {
        var request = ChatRequest.builder()
                .message(Message.user("Cancel"))
                .tool(new ToolSpec("intent", "Detects intent", json("{\"type\":\"object\"}")))
                .responseSchema(new ResponseSchema("intent", intentSchema(), true))
                .build();

        assertThatThrownBy(() -> Vectors.model(server).complete(request))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST))
                .hasMessageContaining("the request already has a tool of that name");
        assertThat(server.getRequestCount()).isZero();
    }
}
