package dev.zupa.runtime;

import static dev.zupa.runtime.AgentHarness.systemPrompt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.message.Message;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.runtime.tool.Tool;
import dev.zupa.testkit.RecordingTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MemoryChecksTest {

    record Note(String value) {}

    record NoArgs() {}

    private static final Tool<Note> REMEMBER = Tool.of("remember", "remembers a value", Note.class, (args, context) -> {
        context.values().put("k", args.value());
        return "remembered " + args.value();
    });

    private static final Tool<NoArgs> RECALL = Tool.of(
            "recall",
            "recalls the value",
            NoArgs.class,
            (args, context) ->
                    "recalled " + context.values().get("k", String.class).orElse("nothing"));

    private static final Tool<NoArgs> STORE_OBJECT = Tool.of("store_object", "stores junk", NoArgs.class, (a, c) -> {
        c.values().put("junk", new Object());
        return "stored";
    });

    private static ScriptedChatModel valuesModel() {
        return ScriptedChatModel.builder()
                .rule(Rule.userMatches("remember (\\w+)").callTool("remember", "{\"value\": \"{1}\"}"))
                .rule(Rule.userSays("recall").callTool("recall", "{}"))
                .rule(Rule.userSays("junk").callTool("store_object", "{}"))
                .rule(Rule.when(r -> r.messages().get(r.messages().size() - 1) instanceof Message.Tool)
                        .reply("{result}"))
                .rule(Rule.always().reply("ok"))
                .build();
    }

    private static final Consumer<Agent.Builder> WITH_VALUES =
            b -> b.instructions("You help {{user.name}}. Noted: {{values.k}}.").tools(REMEMBER, RECALL, STORE_OBJECT);

    @Test
    @DisplayName("check 37: working memory holds at most maxWorkingMemory messages")
    void check37WorkingMemoryIsBounded() {
        try (var h = new AgentHarness(
                AgentHarness.echo(),
                b -> b.limits(Limits.builder().maxWorkingMemory(4).build()))) {
            for (int i = 1; i <= 5; i++) {
                h.transport.receiveText("alice", "m" + i, "turn " + i);
                h.idle();
            }

            assertThat(h.requests.get(4).messages())
                    .extracting(AgentHarness::text)
                    .containsExactly(
                            "You help alice.", "turn 3", "you said: turn 3", "turn 4", "you said: turn 4", "turn 5");
        }
    }

    @Test
    @DisplayName("check 37: working memory survives a restart, and a new session starts empty")
    void check37WorkingMemorySurvivesRestart() {
        var store = CheckpointStore.inMemory();
        var directory = ConversationDirectory.inMemory();
        try (var first = new AgentHarness(AgentHarness.echo(), b -> {}, store, directory, "a-")) {
            first.transport.receiveText("alice", "m1", "before the restart");
            first.idle();
        }
        try (var second = new AgentHarness(AgentHarness.echo(), b -> {}, store, directory, "b-")) {
            second.transport.receiveText("alice", "m2", "after the restart");
            second.idle();
            assertThat(second.requests.get(0).messages())
                    .extracting(AgentHarness::text)
                    .containsExactly(
                            "You help alice.",
                            "before the restart",
                            "you said: before the restart",
                            "after the restart");

            second.transport.receiveText("alice", "m3", "/reset");
            second.idle();
            second.transport.receiveText("alice", "m4", "fresh");
            second.idle();
            assertThat(second.requests.get(1).messages())
                    .extracting(AgentHarness::text)
                    .containsExactly("You help alice.", "fresh");
        }
    }

    @Test
    @DisplayName("check 38: a value a tool stores is seen by the prompt and by tools in the next turn")
    void check38SessionValuesCarryToTheNextTurn() {
        try (var h = new AgentHarness(valuesModel(), WITH_VALUES)) {
            h.transport.receiveText("alice", "m1", "remember blue");
            h.idle();
            h.transport.receiveText("alice", "m2", "recall");
            h.idle();

            assertThat(systemPrompt(h.requests.get(0))).isEqualTo("You help alice. Noted: .");
            assertThat(systemPrompt(h.requests.get(2))).isEqualTo("You help alice. Noted: blue.");
            assertThat(h.transport.sentTexts()).containsExactly("remembered blue", "recalled blue");
        }
    }

    @Test
    @DisplayName("check 38: session values survive a restart")
    void check38SessionValuesSurviveRestart() {
        var store = CheckpointStore.inMemory();
        var directory = ConversationDirectory.inMemory();
        try (var first = new AgentHarness(valuesModel(), WITH_VALUES, store, directory, "a-")) {
            first.transport.receiveText("alice", "m1", "remember green");
            first.idle();
        }
        try (var second = new AgentHarness(valuesModel(), WITH_VALUES, store, directory, "b-")) {
            second.transport.receiveText("alice", "m2", "recall");
            second.idle();

            assertThat(systemPrompt(second.requests.get(0))).isEqualTo("You help alice. Noted: green.");
            assertThat(second.transport.sentTexts()).containsExactly("recalled green");
        }
    }

    @Test
    @DisplayName("check 37/38: working memory and session values survive a restart over the SQLite data file")
    void check37And38SurviveRestartOverSqlite(@TempDir Path dir) {
        var file = dir.resolve("agent.db");
        var requests = new CopyOnWriteArrayList<ChatRequest>();
        var scripted = valuesModel();
        ChatModel model = request -> {
            requests.add(request);
            return scripted.complete(request);
        };
        for (var text : List.of("remember violet", "recall")) {
            var transport = RecordingTransport.create();
            try (var agent = Agent.builder()
                    .instructions("Noted: {{values.k}}.")
                    .tools(REMEMBER, RECALL)
                    .chatModel(model)
                    .transport(transport)
                    .dataFile(file)
                    .build()) {
                agent.start();
                transport.receiveText("alice", text, text);
                assertThat(agent.awaitIdle(AgentHarness.WAIT)).isTrue();
                assertThat(transport.sent()).hasSize(1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        var afterRestart = requests.get(requests.size() - 2);
        assertThat(systemPrompt(afterRestart)).isEqualTo("Noted: violet.");
        assertThat(afterRestart.messages())
                .extracting(AgentHarness::text)
                .containsExactly("Noted: violet.", "remember violet", "remembered violet", "recall");
    }

    @Test
    @DisplayName("check 38: a value that is not JSON is rejected with a clear error the model reads")
    void check38NonJsonValueIsRejected() {
        try (var h = new AgentHarness(valuesModel(), WITH_VALUES)) {
            h.transport.receiveText("alice", "m1", "junk");
            h.idle();

            assertThat(h.transport.sentTexts())
                    .singleElement()
                    .asString()
                    .startsWith("error: tool 'store_object' failed: session value 'junk' is a java.lang.Object,"
                            + " which cannot be stored as JSON");
            assertThat(h.events(AgentEvent.TurnFailed.class)).isEmpty();
        }
    }

    @Test
    @DisplayName("check 38: values a tool stored in a turn that then failed are not kept")
    void check38ValuesOfAFailedTurnAreDiscarded() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userMatches("remember (\\w+)").callTool("remember", "{\"value\": \"{1}\"}"))
                .rule(Rule.toolResult("remember").fail(() -> AgentHarness.providerError(ProviderErrorKind.BAD_REQUEST)))
                .rule(Rule.always().reply("ok"))
                .build();
        try (var h = new AgentHarness(model, WITH_VALUES)) {
            h.transport.receiveText("alice", "m1", "remember blue");
            h.idle();
            assertThat(h.transport.sentTexts())
                    .containsExactly(Replies.defaults().fallback());

            h.transport.receiveText("alice", "m2", "hello");
            h.idle();

            // SessionValues: "a turn that fails leaves the store as it was"
            assertThat(systemPrompt(h.requests.get(2))).isEqualTo("You help alice. Noted: .");
        }
    }

    @Test
    @DisplayName("check 38: a new session starts with no values")
    void check38NewSessionHasNoValues() {
        try (var h = new AgentHarness(valuesModel(), WITH_VALUES)) {
            h.transport.receiveText("alice", "m1", "remember red");
            h.idle();
            h.transport.receiveText("alice", "m2", "/reset");
            h.idle();
            h.transport.receiveText("alice", "m3", "recall");
            h.idle();

            assertThat(systemPrompt(h.requests.get(2))).isEqualTo("You help alice. Noted: .");
            assertThat(h.transport.sentTexts().get(2)).isEqualTo("recalled nothing");
        }
    }

    @Test
    @DisplayName("check 39: the prompt renders user, session, language and the context function's variables")
    void check39PromptRendersFieldsAndVariables() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> b.instructions(
                        "Hi {{user.name}} ({{user.id}}), session {{session.id}} after {{session.turns}} turns, in"
                                + " {{language}}; {{points}} points.")
                .language("pt")
                .context(ctx -> Map.of("points", ctx.user().displayName().length() * 10)))) {
            h.transport.receiveText("alice", "m1", "oi");
            h.idle();
            h.transport.receiveText("alice", "m2", "tudo bem?");
            h.idle();

            var user = h.events(AgentEvent.SessionStarted.class).get(0).userId().value();
            var session = h.sessionId();
            assertThat(systemPrompt(h.requests.get(0)))
                    .isEqualTo("Hi alice (" + user + "), session " + session + " after 0 turns, in pt; 50 points.");
            assertThat(systemPrompt(h.requests.get(1)))
                    .isEqualTo("Hi alice (" + user + "), session " + session + " after 1 turns, in pt; 50 points.");
        }
    }

    @Test
    @DisplayName("check 39: a session ended by /reset is summarised from its working memory")
    void check39SummariesAreMadeFromTheWorkingMemory() {
        var summarized = new CopyOnWriteArrayList<List<String>>();
        try (var h = new AgentHarness(
                AgentHarness.echo(),
                b -> b.sessionSummarizer((session, memory, reason) -> {
                    summarized.add(memory.stream().map(AgentHarness::text).toList());
                    return reason;
                }))) {
            h.transport.receiveText("alice", "m1", "remember me");
            h.idle();
            h.transport.receiveText("alice", "m2", "/reset");
            h.idle();

            assertThat(summarized).containsExactly(List.of("remember me", "you said: remember me"));
        }
    }

    @Test
    @DisplayName("check 39: the summaries of the most recent ended sessions reach the prompt, newest first")
    void check39SummariesReachThePrompt() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> b.instructions("Past:\n{{summaries}}")
                .sessionSummarizer(
                        (session, memory, reason) -> "summary " + session.id().value() + " (" + reason + ")"))) {
            h.transport.receiveText("alice", "m0", "hello");
            h.idle();
            assertThat(systemPrompt(h.requests.get(0))).isEqualTo("Past:\n");

            var ended = new ArrayList<String>();
            for (int i = 1; i <= 4; i++) {
                h.transport.receiveText("alice", "r" + i, "/reset");
                h.idle();
                ended.add(0, h.sessionId());
                h.transport.receiveText("alice", "m" + i, "hello again");
                h.idle();
            }

            assertThat(systemPrompt(h.requests.get(1))).isEqualTo("Past:\nsummary " + ended.get(3) + " (reset)");
            assertThat(systemPrompt(h.requests.get(4)))
                    .isEqualTo("Past:\nsummary " + ended.get(0) + " (reset)\nsummary " + ended.get(1)
                            + " (reset)\nsummary " + ended.get(2) + " (reset)");
        }
    }
}
