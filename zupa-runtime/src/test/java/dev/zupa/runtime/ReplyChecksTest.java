package dev.zupa.runtime;

import static dev.zupa.runtime.AgentHarness.systemPrompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.message.Message;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.runtime.reply.StructuredReply;
import dev.zupa.testkit.RecordingTransport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplyChecksTest {
    private static final String FALLBACK = Replies.defaults().fallback();

    record Booking(String reply, boolean sessionEnded, List<String> items) implements StructuredReply {}

    private static ScriptedChatModel bookingModel() {
        return ScriptedChatModel.builder()
                .rule(Rule.userSays("bye")
                        .replyJson("{\"reply\": \"Goodbye!\", \"sessionEnded\": true, \"items\": []}"))
                .rule(Rule.always()
                        .replyJson("{\"reply\": \"Booked: {user}\", \"sessionEnded\": false, \"items\": [\"{user}\"]}"))
                .build();
    }

    @Test
    @DisplayName("check 45: a structured reply delivers its reply text only")
    void check45StructuredReplyDeliversReply() {
        try (var h = new AgentHarness(bookingModel(), b -> b.replyType(Booking.class))) {
            h.transport.receiveText("alice", "m1", "a table");
            h.idle();

            assertThat(h.requests.get(0).responseSchema()).isPresent();
            assertThat(h.transport.sentTexts()).containsExactly("Booked: a table");
        }
    }

    @Test
    @DisplayName("check 45: sessionEnded=true ends the session after the reply was sent")
    void check45SessionEndedEndsSessionAfterSending() {
        try (var h = new AgentHarness(bookingModel(), b -> b.replyType(Booking.class))) {
            h.transport.receiveText("alice", "m1", "bye");
            h.idle();
            var first = h.sessionId();

            assertThat(h.transport.sentTexts()).containsExactly("Goodbye!");
            assertThat(h.directory.session(new SessionId(first)).orElseThrow().active())
                    .isFalse();
            var sent = h.events(AgentEvent.OutboundSent.class).get(0);
            var ended = h.events(AgentEvent.SessionEnded.class);
            assertThat(ended)
                    .singleElement()
                    .satisfies(e -> assertThat(e.sessionId().value()).isEqualTo(first));
            assertThat(h.events.indexOf(ended.get(0))).isGreaterThan(h.events.indexOf(sent));

            h.transport.receiveText("alice", "m2", "hello again");
            h.idle();
            assertThat(h.sessionId()).isNotEqualTo(first);
            assertThat(h.requests.get(1).messages()).hasSize(2);
        }
    }

    @Test
    @DisplayName("check 45: onResponse runs once per structured reply, after it was sent and recorded")
    void check45OnResponseRunsOnceAfterSend() {
        var seen = new CopyOnWriteArrayList<String>();
        var sentAtHookTime = new CopyOnWriteArrayList<Integer>();
        var recordedAtHookTime = new CopyOnWriteArrayList<Boolean>();
        var holder = new AgentHarness[1];
        try (var h =
                new AgentHarness(bookingModel(), b -> b.replyType(Booking.class).onResponse((sessionId, reply) -> {
                    seen.add(((Booking) reply).items().toString());
                    sentAtHookTime.add(holder[0].transport.sent().size());
                    recordedAtHookTime.add(holder[0].ledgerTypes(sessionId.value()).stream()
                                    .filter("outbound.sent"::equals)
                                    .count()
                            == seen.size());
                }))) {
            holder[0] = h;
            h.transport.receiveText("alice", "m1", "soup");
            h.idle();
            h.transport.receiveText("alice", "m2", "salad");
            h.idle();

            assertThat(seen).containsExactly("[soup]", "[salad]");
            assertThat(sentAtHookTime).containsExactly(1, 2);
            assertThat(recordedAtHookTime).containsExactly(true, true);
        }
    }

    @Test
    @DisplayName("check 45: onResponse does not run for a reply without a structured output")
    void check45OnResponseOnlyForStructuredOutput() {
        var calls = new AtomicInteger();
        try (var h = new AgentHarness(
                AgentHarness.echo(), b -> b.onResponse((sessionId, reply) -> calls.incrementAndGet()))) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly("you said: hello");
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    @DisplayName("check 25/45: an exception in onResponse does not affect delivery and is reported as an event")
    void check45OnResponseFailureDoesNotAffectDelivery() {
        try (var h =
                new AgentHarness(bookingModel(), b -> b.replyType(Booking.class).onResponse((sessionId, reply) -> {
                    throw new IllegalStateException("hook broke");
                }))) {
            h.transport.receiveText("alice", "m1", "soup");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly("Booked: soup");
            assertThat(h.events(AgentEvent.TurnFailed.class)).isEmpty();
            assertThat(h.events(AgentEvent.OutboundFailed.class)).isEmpty();
            assertThat(h.events(AgentEvent.ResponseHookFailed.class))
                    .singleElement()
                    .satisfies(f -> assertThat(f.error()).contains("hook broke"));
        }
    }

    @Test
    @DisplayName("structured reply: an invalid answer gets one corrective re-ask, and a valid second answer is sent")
    void invalidStructuredReplyIsCorrectedOnce() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userMatches("did not match the required JSON schema")
                        .replyJson("{\"reply\": \"Fixed\", \"sessionEnded\": false, \"items\": []}"))
                .rule(Rule.always().replyJson("{\"reply\": \"\", \"sessionEnded\": false, \"items\": []}"))
                .build();
        try (var h = new AgentHarness(model, b -> b.replyType(Booking.class))) {
            h.transport.receiveText("alice", "m1", "book");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly("Fixed");
            assertThat(h.requests).hasSize(2);
            var retry = h.requests.get(1).messages();
            assertThat(retry.get(retry.size() - 2)).isInstanceOf(Message.Assistant.class);
            assertThat(AgentHarness.text(retry.get(retry.size() - 1))).contains("reply must not be blank");
            assertThat(h.ledgerTypes(h.sessionId())).contains("reply.invalid");
        }
    }

    @Test
    @DisplayName("structured reply: an answer invalid twice ends in the fallback")
    void structuredReplyInvalidTwiceFallsBack() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.always().replyJson("{\"answer\": 42}"))
                .build();
        try (var h = new AgentHarness(model, b -> b.replyType(Booking.class))) {
            h.transport.receiveText("alice", "m1", "book");
            h.idle();

            assertThat(h.requests).hasSize(2);
            assertThat(h.transport.sentTexts()).containsExactly(FALLBACK);
            assertThat(h.events(AgentEvent.TurnFailed.class)).hasSize(1);
        }
    }

    @Test
    @DisplayName("check 46: every turn's ledger holds the model call with usage, the decision, the reply and the mark")
    void check46TurnLedgerAndSessionCount() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receiveText("alice", "m1", "one");
            h.idle();
            h.transport.receiveText("alice", "m2", "two");
            h.idle();

            var session = h.sessionId();
            var ledger = h.ledger(session);
            assertThat(ledger)
                    .extracting(LedgerEntry::type)
                    .contains("model.call", "decision", "outbound.stored", "outbound.sent", "inbound.processed");
            var modelCalls =
                    ledger.stream().filter(e -> e.type().equals("model.call")).toList();
            assertThat(modelCalls).hasSize(2).allSatisfy(e -> assertThat(
                            e.write().payload())
                    .contains("\"model\":\"scripted\"")
                    .containsPattern("\"inputTokens\":[1-9]")
                    .containsPattern("\"outputTokens\":[1-9]")
                    .contains("\"millis\":"));
            assertThat(ledger.stream().filter(e -> e.type().equals("decision")))
                    .hasSize(2)
                    .allSatisfy(e -> assertThat(e.write().payload()).contains("\"modality\":\"TEXT\""));
            assertThat(ledger.stream().filter(e -> e.type().equals("inbound.processed")))
                    .extracting(e -> e.write().key().orElseThrow())
                    .containsExactly("test/m1", "test/m2");
            assertThat(ledger.stream().filter(e -> e.type().equals("outbound.sent")))
                    .hasSize(2)
                    .allSatisfy(e -> assertThat(e.write().payload()).contains("\"modality\":\"TEXT\""));
            assertThat(h.directory.session(new SessionId(session)).orElseThrow().turns())
                    .isEqualTo(2);
        }
    }

    @Test
    @DisplayName("check 47: an agent with only a prompt, a transport and a model starts with working defaults")
    void check47MinimalAgentWorks(@TempDir Path dir) {
        var transport = RecordingTransport.create();
        try (var agent = Agent.builder()
                .instructions("Be brief.")
                .transport(transport)
                .chatModel(AgentHarness.echo())
                .dataFile(dir.resolve("agent.db"))
                .build()) {
            agent.start();
            transport.receiveText("alice", "m1", "hello");
            assertThat(transport.awaitSent(1, AgentHarness.WAIT))
                    .extracting(m -> m.content().text())
                    .containsExactly("you said: hello");
            assertThat(agent.name()).isEqualTo("agent");
        }
    }

    @Test
    @DisplayName("check 47: a blank prompt fails fast; a missing prompt or transport fails at build")
    void check47ConfigurationErrorsFailFast() {
        assertThatThrownBy(() -> Agent.builder().instructions("   "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> Agent.builder()
                        .instructions("Be brief.")
                        .chatModel(AgentHarness.echo())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a transport");
        assertThatThrownBy(() -> Agent.builder()
                        .transport(RecordingTransport.create())
                        .chatModel(AgentHarness.echo())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a prompt");
    }

    @Test
    @DisplayName("check 47: an unknown language resolves to en")
    void check47UnknownLanguageResolvesToEnglish() {
        try (var h = new AgentHarness(
                AgentHarness.echo(), b -> b.instructions("Speak {{language}}.").language("xx"))) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(systemPrompt(h.requests.get(0))).isEqualTo("Speak en.");
        }
    }
}
