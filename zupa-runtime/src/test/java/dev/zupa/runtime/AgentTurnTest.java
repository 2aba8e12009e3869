package dev.zupa.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.message.Message;
import dev.zupa.engine.checkpoint.LedgerQuery;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentTurnTest {

    @Test
    @DisplayName("a text message gets one text reply from the model")
    void textMessageGetsOneReply() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly("you said: hello");
        }
    }

    @Test
    @DisplayName("check 32: the model request of turn N holds the system prompt, earlier turns and the current text")
    void check32RequestHoldsPromptHistoryAndCurrentText() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receiveText("alice", "m1", "first");
            h.idle();
            h.transport.receiveText("alice", "m2", "second");
            h.idle();

            var second = h.requests.get(1).messages();
            assertThat(second.get(0)).isInstanceOf(Message.System.class);
            assertThat(((Message.System) second.get(0)).text()).isEqualTo("You help alice.");
            assertThat(second.subList(1, second.size()))
                    .extracting(AgentTurnTest::text)
                    .containsExactly("first", "you said: first", "second");
        }
    }

    @Test
    @DisplayName("check 20: a redelivered message makes no model call, no reply and no state change")
    void check20RedeliveryIsDropped() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();
            var ledgerBefore = h.store.ledger(LedgerQuery.thread(dev.zupa.engine.ThreadId.of("zupa:inbox"), 100));

            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.requests).hasSize(1);
            assertThat(h.transport.sentTexts()).hasSize(1);
            assertThat(h.store.ledger(LedgerQuery.thread(dev.zupa.engine.ThreadId.of("zupa:inbox"), 100)))
                    .isEqualTo(ledgerBefore);
            assertThat(h.events).anyMatch(e -> e instanceof AgentEvent.InboundDuplicate);
        }
    }

    @Test
    @DisplayName("check 20: a redelivery while the original's turn runs is dropped, and so is one after it")
    void check20RedeliveryRacingTheTurnIsDropped() throws Exception {
        var modelEntered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        ChatModel blocking = request -> {
            modelEntered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return AgentHarness.answer("done");
        };
        try (var h = new AgentHarness(blocking, b -> {})) {
            h.transport.receiveText("alice", "m1", "hello");
            assertThat(modelEntered.await(20, TimeUnit.SECONDS)).isTrue();

            // claimed by the running turn: dropped without touching the claim
            h.transport.receiveText("alice", "m1", "hello");
            release.countDown();
            h.idle();
            // the turn has let go of it; its dedup mark now drops it
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.requests).hasSize(1);
            assertThat(h.transport.sentTexts()).containsExactly("done");
            assertThat(h.events.stream().filter(e -> e instanceof AgentEvent.InboundDuplicate))
                    .hasSize(2);
        }
    }

    @Test
    @DisplayName("check 18: a session idle past the timeout ends, and the next message starts a new, empty one")
    void check18IdleSessionEnds() {
        try (var h = new AgentHarness(
                AgentHarness.echo(),
                b -> b.limits(Limits.builder()
                        .sessionIdleTimeout(Duration.ofMinutes(30))
                        .build()))) {
            h.transport.receiveText("alice", "m1", "one");
            h.idle();
            h.clock.advance(Duration.ofMinutes(20));
            h.transport.receiveText("alice", "m2", "two");
            h.idle();
            // measured from the last activity: 20 minutes after the second turn is not idle
            h.clock.advance(Duration.ofMinutes(20));
            h.transport.receiveText("alice", "m3", "three");
            h.idle();
            assertThat(h.events).noneMatch(e -> e instanceof AgentEvent.SessionEnded);

            h.clock.advance(Duration.ofMinutes(31));
            h.transport.receiveText("alice", "m4", "four");
            h.idle();

            assertThat(h.events)
                    .filteredOn(e -> e instanceof AgentEvent.SessionEnded)
                    .hasSize(1);
            var last = h.requests.get(3).messages();
            assertThat(last).hasSize(2); // system prompt and the current text: a new session has no memory
        }
    }

    private static String text(Message message) {
        return switch (message) {
            case Message.User u -> u.text();
            case Message.Assistant a -> a.text();
            case Message.System s -> s.text();
            case Message.Tool t -> t.text();
        };
    }
}
