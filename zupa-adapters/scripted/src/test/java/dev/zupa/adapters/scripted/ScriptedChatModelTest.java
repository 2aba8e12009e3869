package dev.zupa.adapters.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ScriptedChatModelTest {
    private static final ToolSpec MENU =
            new ToolSpec("menu_lookup", "Looks up a menu item", JsonNodeFactory.instance.objectNode());

    private static ChatRequest ask(String text, ToolSpec... tools) {
        var builder = ChatRequest.builder()
                .message(Message.system("You sell burgers."))
                .message(user(text));
        for (var tool : tools) {
            builder.tool(tool);
        }
        return builder.build();
    }

    private static Message.User user(String text) {
        return new Message.User(MessageId.of("u-" + text.length()), text);
    }

    private static Supplier<MessageId> sequentialIds() {
        var next = new AtomicInteger();
        return () -> MessageId.of("m" + next.incrementAndGet());
    }

    private static Supplier<ProviderException> rateLimited() {
        return () -> ProviderException.builder(ProviderErrorKind.RATE_LIMITED, "scripted", "slow down")
                .status(429)
                .retryAfter(Duration.ofSeconds(2))
                .build();
    }

    private static ScriptedChatModel menuScript() {
        return ScriptedChatModel.builder()
                .rule(Rule.userMatches("price of (?<item>\\w+)").callTool("menu_lookup", "{\"item\": \"{item}\"}"))
                .rule(Rule.toolResult("menu_lookup").reply("Here you go: {result}"))
                .rule(Rule.userMatches("price of (\\w+)").reply("I cannot look up {1} right now."))
                .messageIds(sequentialIds())
                .build();
    }

    @Test
    void firstMatchingRuleAnswers() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("burger").reply("first"))
                .rule(Rule.userSays("burger", "fries").reply("second"))
                .rule(Rule.always().reply("last"))
                .build();

        assertThat(model.complete(ask("A burger please")).message().text()).isEqualTo("first");
        assertThat(model.complete(ask("Fries please")).message().text()).isEqualTo("second");
        assertThat(model.complete(ask("A drink")).message().text()).isEqualTo("last");
    }

    @Test
    void userSaysMatchesWholeWordsIgnoringCase() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("hi", "good morning").reply("Hello ({0})"))
                .build();

        assertThat(model.complete(ask("HI there")).message().text()).isEqualTo("Hello (HI)");
        assertThat(model.complete(ask("Good Morning!")).message().text()).isEqualTo("Hello (Good Morning)");
        assertThat(model.complete(ask("this is it")).message().text())
                .isEqualTo("I'm sorry, I don't have an answer for that.");
    }

    @Test
    void fillsTemplateWithRegexGroups() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userMatches("(\\d+) (?<item>burgers?)( with cheese)?")
                        .reply("{1} x {item}, cheese: '{3}', you said '{user}'"))
                .build();

        var answer = model.complete(ask("I want 2 BURGERS now")).message().text();

        assertThat(answer).isEqualTo("2 x BURGERS, cheese: '', you said 'I want 2 BURGERS now'");
    }

    @Test
    void computesReplyFromMatch() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userMatches("(\\d+) plus (\\d+)")
                        .reply(match ->
                                String.valueOf(Integer.parseInt(match.group(1)) + Integer.parseInt(match.group(2)))))
                .build();

        assertThat(model.complete(ask("what is 2 plus 40?")).message().text()).isEqualTo("42");
    }

    @Test
    void callsToolOnlyWhenRequestOffersIt() {
        var model = menuScript();

        var withTool = model.complete(ask("price of fries?", MENU));
        var without = model.complete(ask("price of fries?"));

        assertThat(withTool.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(withTool.message().text()).isEmpty();
        assertThat(withTool.message().toolCalls())
                .containsExactly(new ToolCall("call_2", "menu_lookup", "{\"item\": \"fries\"}"));
        assertThat(without.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(without.message().toolCalls()).isEmpty();
        assertThat(without.message().text()).isEqualTo("I cannot look up fries right now.");
    }

    @Test
    void escapesInsertedTextInToolArguments() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.always().callTool("menu_lookup", "{\"query\": \"{user}\"}"))
                .build();

        var call = model.complete(ask("say \"hi\"\\now", MENU))
                .message()
                .toolCalls()
                .getFirst();

        assertThat(call.arguments()).isEqualTo("{\"query\": \"say \\\"hi\\\"\\\\now\"}");
        assertThat(Rule.parse(call.arguments()).orElseThrow().get("query").asText())
                .isEqualTo("say \"hi\"\\now");
    }

    @Test
    void computesToolArgumentsFromUserText() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("menu")
                        .callTool(
                                "menu_lookup",
                                match -> "{\"words\": " + match.userText().split(" ").length + "}"))
                .build();

        var call = model.complete(ask("show me the menu", MENU))
                .message()
                .toolCalls()
                .getFirst();

        assertThat(call.arguments()).isEqualTo("{\"words\": 4}");
    }

    @Test
    void rejectsComputedToolArgumentsThatAreNotAnObject() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.always().callTool("menu_lookup", match -> "[1, 2]"))
                .build();

        assertThatThrownBy(() -> model.complete(ask("menu", MENU)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("callTool menu_lookup(function)")
                .hasMessageContaining("not a JSON object: [1, 2]");
    }

    @Test
    void followUpAfterToolResultUsesResultAndUserRulesStayQuiet() {
        var model = menuScript();
        var request = ChatRequest.builder()
                .message(user("price of fries?"))
                .message(new Message.Assistant(
                        MessageId.of("a1"), "", List.of(new ToolCall("call_1", "menu_lookup", "{}"))))
                .message(new Message.Tool(MessageId.of("t1"), "call_1", "fries cost 3 EUR"))
                .tool(MENU)
                .build();

        var answer = model.complete(request);

        assertThat(answer.message().text()).isEqualTo("Here you go: fries cost 3 EUR");
        assertThat(answer.message().toolCalls()).isEmpty();
        assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void toolResultRuleIgnoresResultsOfOtherTools() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.toolResult("add_to_order").reply("added"))
                .fallback("other: {result}")
                .build();
        var request = ChatRequest.builder()
                .message(user("price?"))
                .message(new Message.Assistant(
                        MessageId.of("a1"), "", List.of(new ToolCall("call_1", "menu_lookup", "{}"))))
                .message(new Message.Tool(MessageId.of("t1"), "call_1", "3 EUR"))
                .build();

        assertThat(model.complete(request).message().text()).isEqualTo("other: 3 EUR");
    }

    @Test
    void runsTwoRoundConversationThroughRequestValidation() {
        var model = menuScript();
        var messages = new ArrayList<Message>(List.of(Message.system("You sell burgers."), user("Price of cola?")));

        var first = model.complete(
                ChatRequest.builder().messages(messages).tool(MENU).build());
        messages.add(first.message());
        var call = first.message().toolCalls().getFirst();
        messages.add(new Message.Tool(MessageId.of("t1"), call.id(), "cola: 2 EUR"));
        var second = model.complete(
                ChatRequest.builder().messages(messages).tool(MENU).build());
        messages.add(second.message());
        messages.add(user("price of water?"));
        var third = model.complete(
                ChatRequest.builder().messages(messages).tool(MENU).build());

        assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(call).isEqualTo(new ToolCall("call_2", "menu_lookup", "{\"item\": \"cola\"}"));
        assertThat(second.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(second.message().text()).isEqualTo("Here you go: cola: 2 EUR");
        assertThat(third.message().toolCalls()).extracting(ToolCall::id).containsExactly("call_6");
        assertThat(List.of(first, second, third))
                .extracting(r -> r.message().id().value())
                .containsExactly("m1", "m2", "m3");
    }

    @Test
    void givesStructuredAnswerOnlyWhenRequestHasSchema() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userMatches("order (.+)").replyJson("{\"reply\": \"Ordered {1}\", \"quantity\": 1}"))
                .fallback("free text")
                .build();
        var schema = new ResponseSchema("reply", JsonNodeFactory.instance.objectNode(), true);
        var structured = ChatRequest.builder()
                .message(user("order \"fries\""))
                .responseSchema(schema)
                .build();

        var answer = model.complete(structured);

        assertThat(answer.message().text()).isEqualTo("{\"reply\": \"Ordered \\\"fries\\\"\", \"quantity\": 1}");
        assertThat(Rule.parse(answer.message().text())
                        .orElseThrow()
                        .get("reply")
                        .asText())
                .isEqualTo("Ordered \"fries\"");
        assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(model.complete(ask("order fries")).message().text()).isEqualTo("free text");
    }

    @Test
    void fallsBackToPoliteTextOrConfiguredTemplate() {
        var plain = ScriptedChatModel.builder().build();
        var echo = ScriptedChatModel.builder().fallback("You said: {user}").build();

        assertThat(plain.complete(ask("anything")).message().text())
                .isEqualTo("I'm sorry, I don't have an answer for that.");
        assertThat(echo.complete(ask("anything")).message().text()).isEqualTo("You said: anything");
    }

    @Test
    void readsCoalescedUserMessagesAsOneText() {
        var model = ScriptedChatModel.builder().fallback("{user}").build();
        var request = ChatRequest.builder()
                .message(user("one"))
                .message(Message.assistant("ok"))
                .message(user("two"))
                .message(user("three"))
                .build();

        assertThat(model.complete(request).message().text()).isEqualTo("two\nthree");
    }

    @Test
    void streamsWordsThatJoinToText() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.always().reply("  Hello  there,\nfriend! "))
                .build();
        var pieces = new ArrayList<String>();

        var response = model.stream(ask("hi"), pieces::add);

        assertThat(pieces).containsExactly("  ", "Hello  ", "there,\n", "friend! ");
        assertThat(String.join("", pieces)).isEqualTo(response.message().text());
    }

    @Test
    void streamHandsOverNothingForToolCall() {
        var pieces = new ArrayList<String>();

        var response = menuScript().stream(ask("price of tea", MENU), pieces::add);

        assertThat(response.message().toolCalls()).hasSize(1);
        assertThat(pieces).isEmpty();
    }

    @Test
    void sameRequestGivesSameIdsAndUsage() {
        var request = ask("price of fries?", MENU);

        var first = menuScript().complete(request);
        var second = menuScript().complete(request);

        assertThat(second).isEqualTo(first);
        assertThat(first.message().id()).isEqualTo(MessageId.of("m1"));
        assertThat(first.model()).isEqualTo("scripted");
        assertThat(first.requestId()).isEmpty();
        // input: system 17 chars -> 5 + 1, user 15 chars -> 4 + 1; output: "menu_lookup" 3 + arguments 19 chars 5
        assertThat(first.usage()).isEqualTo(new TokenUsage(11, 8));
    }

    @Test
    void ruleFailureThrowsConfiguredProviderException() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("busy").fail(rateLimited()))
                .build();

        assertThatThrownBy(() -> model.complete(ask("are you busy?")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
                })
                .hasMessage("scripted rate_limited (HTTP 429): slow down");
        assertThat(model.complete(ask("calm")).message().text()).isNotEmpty();
    }

    @Test
    void failFirstFailsThatManyCallsThenAnswers() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.always().reply("ok"))
                .failFirst(2, rateLimited())
                .build();

        assertThatThrownBy(() -> model.complete(ask("a"))).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> model.stream(ask("a"), t -> {})).isInstanceOf(ProviderException.class);
        assertThat(model.complete(ask("a")).message().text()).isEqualTo("ok");
    }

    @Test
    void failEveryFailsEveryNthCall() {
        var model = ScriptedChatModel.builder()
                .failEvery(3, () -> ProviderException.builder(ProviderErrorKind.UNAVAILABLE, "scripted", "down")
                        .build())
                .build();
        var outcomes = new ArrayList<String>();

        for (int i = 0; i < 6; i++) {
            try {
                model.complete(ask("a"));
                outcomes.add("ok");
            } catch (ProviderException e) {
                outcomes.add(e.kind().name());
            }
        }

        assertThat(outcomes).containsExactly("ok", "ok", "UNAVAILABLE", "ok", "ok", "UNAVAILABLE");
    }

    @Test
    void answerFunctionReturnsItsResponseAsIs() {
        var own = new ChatResponse(
                new Message.Assistant(
                        MessageId.of("x"),
                        "",
                        List.of(new ToolCall("a", "menu_lookup", "{}"), new ToolCall("b", "menu_lookup", "{}"))),
                new TokenUsage(1, 2),
                FinishReason.TOOL_CALLS,
                "custom",
                Optional.of("req-1"));
        var model = ScriptedChatModel.builder()
                .rule(Rule.when(request -> request.tools().contains(MENU)).answer(request -> own))
                .build();

        assertThat(model.complete(ask("both", MENU))).isSameAs(own);
        assertThat(model.complete(ask("both")).message().toolCalls()).isEmpty();
    }

    @Test
    void toBuilderDerivesAChangedCopy() {
        var base = ScriptedChatModel.builder()
                .rule(Rule.userSays("hi").reply("hello"))
                .build();

        var derived = base.toBuilder().fallback("derived").build();

        assertThat(derived.complete(ask("hi")).message().text()).isEqualTo("hello");
        assertThat(derived.complete(ask("bye")).message().text()).isEqualTo("derived");
        assertThat(base.complete(ask("bye")).message().text()).isEqualTo("I'm sorry, I don't have an answer for that.");
    }

    @Test
    void builderRejectsBadFaultCounts() {
        assertThatThrownBy(() -> ScriptedChatModel.builder().failFirst(0, rateLimited()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failFirst calls must be positive, was 0");
        assertThatThrownBy(() -> ScriptedChatModel.builder().failEvery(-1, rateLimited()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failEvery n must be positive, was -1");
        assertThatThrownBy(() -> ScriptedChatModel.builder().fallback("{1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its condition is not a regular expression");
    }

    @Test
    void documentedScriptTakesAnOrder() {
        var addToOrder = new ToolSpec("add_to_order", "Adds to the order", JsonNodeFactory.instance.objectNode());
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("hello", "hi").reply("Hello! What can I get you?"))
                .rule(Rule.userMatches("add (\\d+) (?<item>\\w+)")
                        .callTool("add_to_order", "{\"quantity\": {1}, \"item\": \"{item}\"}"))
                .rule(Rule.toolResult("add_to_order").reply("Done. {result}"))
                .fallback("Sorry, I did not understand \"{user}\".")
                .build();

        var call = model.complete(ask("please add 2 burgers", addToOrder))
                .message()
                .toolCalls()
                .getFirst();

        assertThat(Rule.parse(call.arguments()).orElseThrow().get("quantity").asInt())
                .isEqualTo(2);
        assertThat(call.arguments()).isEqualTo("{\"quantity\": 2, \"item\": \"burgers\"}");
        assertThat(model.complete(ask("what?")).message().text()).isEqualTo("Sorry, I did not understand \"what?\".");
    }
}
