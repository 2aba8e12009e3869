package dev.zupa.runtime;

import static dev.zupa.runtime.AgentHarness.calling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.ToolCall;
import dev.zupa.runtime.resilience.ProviderRole;
import dev.zupa.runtime.tool.Tool;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ToolChecksTest {

    record City(String city) {}

    record NoArgs() {}

    private static final Tool<City> WEATHER =
            Tool.of("weather", "the weather in a city", City.class, (args, context) -> "sunny in " + args.city());

    /** After any tool round, the model answers with the last tool result. */
    private static final Rule SAY_RESULT = Rule.when(
                    r -> r.messages().get(r.messages().size() - 1) instanceof Message.Tool)
            .reply(m -> "result: " + m.lastToolResult().orElseThrow());

    private static boolean endsWithTool(ChatRequest request) {
        return request.messages().get(request.messages().size() - 1) instanceof Message.Tool;
    }

    @Test
    @DisplayName("check 33: after a tool round the request holds the assistant's tool call and its correlated result")
    void check33ToolRoundIsInTheNextRequest() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("weather").callTool("weather", "{\"city\": \"Lisbon\"}"))
                .rule(Rule.toolResult("weather").reply("It is {result}"))
                .build();
        try (var h = new AgentHarness(model, b -> b.tools(WEATHER))) {
            h.transport.receiveText("alice", "m1", "weather please");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly("It is sunny in Lisbon");
            assertThat(h.requests).hasSize(2);
            var messages = h.requests.get(1).messages();
            assertThat(messages).hasSize(4);
            assertThat(messages.get(1)).isInstanceOf(Message.User.class);
            var call = (Message.Assistant) messages.get(2);
            assertThat(call.toolCalls()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("weather");
                assertThat(c.arguments()).contains("Lisbon");
            });
            var result = (Message.Tool) messages.get(3);
            assertThat(result.toolCallId()).isEqualTo(call.toolCalls().get(0).id());
            assertThat(result.text()).isEqualTo("sunny in Lisbon");
        }
    }

    @Test
    @DisplayName("check 33: several calls in one round give one tool result per call id, in call order")
    void check33OneResultPerCallId() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("compare")
                        .answer(r -> calling(
                                new ToolCall("call-a", "weather", "{\"city\": \"Lisbon\"}"),
                                new ToolCall("call-b", "weather", "{\"city\": \"Porto\"}"))))
                .rule(SAY_RESULT)
                .build();
        try (var h = new AgentHarness(model, b -> b.tools(WEATHER))) {
            h.transport.receiveText("alice", "m1", "compare them");
            h.idle();

            var results = h.requests.get(1).messages().stream()
                    .filter(m -> m instanceof Message.Tool)
                    .map(m -> (Message.Tool) m)
                    .toList();
            assertThat(results)
                    .extracting(Message.Tool::toolCallId, Message.Tool::text)
                    .containsExactly(tuple("call-a", "sunny in Lisbon"), tuple("call-b", "sunny in Porto"));
        }
    }

    @Test
    @DisplayName("check 34: invalid tool arguments become a tool-result error and the turn goes on")
    void check34InvalidArgumentsBecomeAnError() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("weather").callTool("weather", "{\"town\": \"Lisbon\"}"))
                .rule(SAY_RESULT)
                .build();
        try (var h = new AgentHarness(model, b -> b.tools(WEATHER))) {
            h.transport.receiveText("alice", "m1", "weather");
            h.idle();

            assertThat(h.transport.sentTexts())
                    .singleElement()
                    .asString()
                    .startsWith("result: error: invalid arguments for tool weather");
        }
    }

    @Test
    @DisplayName("check 34: a call to an unknown tool becomes a tool-result error and the turn goes on")
    void check34UnknownToolBecomesAnError() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("teleport").answer(r -> calling(new ToolCall("c1", "teleport", "{}"))))
                .rule(SAY_RESULT)
                .build();
        try (var h = new AgentHarness(model, b -> b.tools(WEATHER))) {
            h.transport.receiveText("alice", "m1", "teleport me");
            h.idle();

            assertThat(h.transport.sentTexts())
                    .containsExactly("result: error: there is no tool named 'teleport'; the tools are weather");
        }
    }

    @Test
    @DisplayName("check 34: a handler exception becomes a tool-result error and the turn goes on")
    void check34HandlerExceptionBecomesAnError() {
        var explode = Tool.of("explode", "fails", NoArgs.class, (args, context) -> {
            throw new IllegalStateException("boom");
        });
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("explode").callTool("explode", "{}"))
                .rule(SAY_RESULT)
                .build();
        try (var h = new AgentHarness(model, b -> b.tools(explode))) {
            h.transport.receiveText("alice", "m1", "explode");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly("result: error: tool 'explode' failed: boom");
            assertThat(h.events(AgentEvent.TurnFailed.class)).isEmpty();
        }
    }

    @Test
    @DisplayName(
            "check 26/34: a tool past its timeout is interrupted, the model reads a timeout error, the turn goes on")
    void check26ToolTimeoutBecomesAnError() {
        var hang = new AgentHarness.Hang();
        var slow = Tool.of("slow", "takes forever", NoArgs.class, (args, context) -> {
            throw hang.block();
        });
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("slow").callTool("slow", "{}"))
                .rule(SAY_RESULT)
                .build();
        var policy = AgentHarness.policy(ProviderRole.TOOL)
                .timeout(Duration.ofMillis(200))
                .build();
        try (var h = new AgentHarness(model, b -> b.tools(slow).callPolicy(ProviderRole.TOOL, policy))) {
            h.transport.receiveText("alice", "m1", "slow");
            h.idle();

            hang.assertCancelled();
            assertThat(h.transport.sentTexts()).containsExactly("result: error: tool 'slow' timed out after 200ms");
        }
    }

    @Test
    @DisplayName("check 34: the before hook may replace the arguments and the after hook the result")
    void check34HooksReplaceArgumentsAndResult() {
        var hooked = Tool.builder("weather", City.class)
                .description("the weather")
                .before((args, context) -> new City("Porto"))
                .handler((args, context) -> "sunny in " + args.city())
                .after((args, result, context) -> result.toUpperCase(Locale.ROOT) + " (" + args.city() + ")")
                .build();
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("weather").callTool("weather", "{\"city\": \"Lisbon\"}"))
                .rule(SAY_RESULT)
                .build();
        try (var h = new AgentHarness(model, b -> b.tools(hooked))) {
            h.transport.receiveText("alice", "m1", "weather");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly("result: SUNNY IN PORTO (Porto)");
        }
    }

    @Test
    @DisplayName("check 35: tool rounds are capped; then the model answers without tools")
    void check35ToolRoundsAreCappedWithFinalAnswer() {
        var pings = new AtomicInteger();
        var ping = Tool.of("ping", "ping", NoArgs.class, (args, context) -> "pong " + pings.incrementAndGet());
        var model = ScriptedChatModel.builder()
                .rule(Rule.always().callTool("ping", "{}"))
                .rule(Rule.always().reply("done without tools"))
                .build();
        try (var h = new AgentHarness(model, b -> b.tools(ping)
                .limits(Limits.builder().maxToolRounds(2).build()))) {
            h.transport.receiveText("alice", "m1", "loop");
            h.idle();

            assertThat(pings).hasValue(2);
            assertThat(h.requests).hasSize(3);
            assertThat(h.requests.get(2).tools()).isEmpty();
            assertThat(h.transport.sentTexts()).containsExactly("done without tools");
        }
    }

    @Test
    @DisplayName("check 35: a model that keeps calling tools past the cap ends in the fallback, not a loop")
    void check35ToolRoundsAreCappedWithFallback() {
        var pings = new AtomicInteger();
        var calls = new AtomicInteger();
        var ping = Tool.of("ping", "ping", NoArgs.class, (args, context) -> "pong " + pings.incrementAndGet());
        var model = ScriptedChatModel.builder()
                .rule(Rule.always().answer(r -> calling(new ToolCall("c" + calls.incrementAndGet(), "ping", "{}"))))
                .build();
        try (var h = new AgentHarness(model, b -> b.tools(ping)
                .limits(Limits.builder().maxToolRounds(2).build()))) {
            h.transport.receiveText("alice", "m1", "loop");
            h.idle();

            assertThat(pings).hasValue(2);
            assertThat(h.requests).hasSize(3);
            assertThat(h.transport.sentTexts())
                    .containsExactly(Replies.defaults().fallback());
            assertThat(h.events(AgentEvent.TurnFailed.class)).hasSize(1);
        }
    }

    @Test
    @DisplayName("check 36: tool results of one turn are not in the next turn's request")
    void check36ToolResultsDoNotCarryOver() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("weather").callTool("weather", "{\"city\": \"Lisbon\"}"))
                .rule(Rule.toolResult("weather").reply("It is {result}"))
                .rule(Rule.always().reply("you are welcome"))
                .build();
        try (var h = new AgentHarness(model, b -> b.tools(WEATHER))) {
            h.transport.receiveText("alice", "m1", "weather please");
            h.idle();
            h.transport.receiveText("alice", "m2", "thanks");
            h.idle();

            var next = h.requests.get(2).messages();
            assertThat(next).noneMatch(m -> m instanceof Message.Tool);
            assertThat(next)
                    .noneMatch(m ->
                            m instanceof Message.Assistant a && !a.toolCalls().isEmpty());
            assertThat(next)
                    .extracting(AgentHarness::text)
                    .containsExactly("You help alice.", "weather please", "It is sunny in Lisbon", "thanks");
            assertThat(endsWithTool(h.requests.get(1))).isTrue();
            assertThat(h.transport.sentTexts()).containsExactly("It is sunny in Lisbon", "you are welcome");
        }
    }

    @Test
    @DisplayName("check 33: the model is offered the tools with their schemas")
    void check33ToolsAreOffered() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> b.tools(WEATHER))) {
            h.transport.receiveText("alice", "m1", "hi");
            h.idle();

            assertThat(h.requests.get(0).tools()).singleElement().satisfies(spec -> {
                assertThat(spec.name()).isEqualTo("weather");
                assertThat(spec.parameters().toString()).contains("city");
            });
            assertThat(h.transport.sentTexts()).containsExactly("you said: hi");
        }
    }
}
