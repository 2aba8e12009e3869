package dev.zupa.runtime;

import static dev.zupa.runtime.AgentHarness.answer;
import static dev.zupa.runtime.AgentHarness.lastUserText;
import static dev.zupa.runtime.AgentHarness.systemPrompt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterChecksTest {

    @Test
    @DisplayName("check 16: the display name comes from the sender profile")
    void check16DisplayNameFromSenderProfile() {
        var directory = new RecordingDirectory();
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {}, CheckpointStore.inMemory(), directory)) {
            h.transport.receive(InboundMessage.text("test", "m1", "+15550001", "hi", h.clock.instant())
                    .withSenderName("Alice Smith"));
            h.idle();

            assertThat(systemPrompt(h.requests.get(0))).isEqualTo("You help Alice Smith.");
            assertThat(directory.usersCreated).hasValue(1);
        }
    }

    @Test
    @DisplayName("check 16: without a sender profile the display name falls back to the address, deterministically")
    void check16DisplayNameFallsBackToAddress() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receiveText("+15550001", "m1", "hi");
            h.transport.receiveText("bob:phone", "m2", "hi");
            h.idle();

            assertThat(h.requests)
                    .extracting(AgentHarness::systemPrompt)
                    .containsExactlyInAnyOrder("You help +15550001.", "You help bob.");
        }
    }

    @Test
    @DisplayName("check 16: concurrent first messages from a new sender create one user and one session")
    void check16ConcurrentFirstMessagesCreateOneUser() throws Exception {
        var directory = new RecordingDirectory();
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {}, CheckpointStore.inMemory(), directory)) {
            int senders = 16;
            var start = new CountDownLatch(1);
            var threads = new ArrayList<Thread>();
            var failures = new AtomicInteger();
            for (int i = 0; i < senders; i++) {
                var id = "m" + i;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        h.transport.receiveText("+15550001", id, "hello " + id);
                    } catch (Exception | AssertionError e) {
                        failures.incrementAndGet();
                    }
                }));
            }
            start.countDown();
            for (var thread : threads) {
                thread.join();
            }
            h.idle();

            assertThat(failures).hasValue(0);
            assertThat(directory.usersCreated).hasValue(1);
            assertThat(directory.sessionsCreated).hasValue(1);
            assertThat(h.events(AgentEvent.SessionStarted.class)).hasSize(1);
            var sessions = h.events(AgentEvent.TurnCompleted.class).stream()
                    .map(AgentEvent.TurnCompleted::sessionId)
                    .distinct()
                    .toList();
            assertThat(sessions).hasSize(1);
            var answered = h.events(AgentEvent.TurnCompleted.class).stream()
                    .flatMap(t -> t.messageIds().stream())
                    .toList();
            assertThat(answered).hasSize(senders).doesNotHaveDuplicates();
        }
    }

    @Test
    @DisplayName("check 17: turns run on the thread named by the session id; nothing is checkpointed elsewhere")
    void check17TurnsRunOnSessionThread() {
        var store = new RecordingCheckpointStore();
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {}, store, ConversationDirectory.inMemory())) {
            h.transport.receiveText("alice", "m1", "one");
            h.idle();
            h.transport.receiveText("alice", "m2", "two");
            h.idle();

            var session = ThreadId.of(h.sessionId());
            assertThat(store.latest(session, "")).isPresent();
            assertThat(store.checkpointThreads).isNotEmpty().containsOnly(session);
        }
    }

    @Test
    @DisplayName("check 19: a user's turns run one at a time in order; messages sent during a turn make the next one")
    void check19SameUserTurnsAreSerialAndCoalesced() {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var inFlight = new AtomicInteger();
        var overlapped = new AtomicBoolean();
        ChatModel model = request -> {
            if (inFlight.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            try {
                var text = lastUserText(request);
                if (text.equals("first")) {
                    entered.countDown();
                    AgentHarness.await(release);
                }
                return answer("re: " + text);
            } finally {
                inFlight.decrementAndGet();
            }
        };
        try (var h = new AgentHarness(model, b -> {})) {
            try {
                h.transport.receiveText("alice", "m1", "first");
                AgentHarness.await(entered);
                h.transport.receiveText("alice", "m2", "second");
                h.transport.receiveText("alice", "m3", "third");
            } finally {
                release.countDown();
            }
            h.idle();

            assertThat(overlapped).isFalse();
            assertThat(h.requests).extracting(AgentHarness::lastUserText).containsExactly("first", "second\nthird");
            assertThat(h.transport.sentTexts()).containsExactly("re: first", "re: second\nthird");
            assertThat(h.events(AgentEvent.TurnCompleted.class))
                    .extracting(AgentEvent.TurnCompleted::messageIds)
                    .containsExactly(List.of("m1"), List.of("m2", "m3"));
            // the second turn sees the first in its memory: it ran after, not beside it
            assertThat(h.requests.get(1).messages())
                    .extracting(AgentHarness::text)
                    .containsSubsequence("first", "re: first", "second\nthird");
        }
    }

    @Test
    @DisplayName("check 19: a slash command sent during a turn is a turn of its own, in arrival order")
    void check19CommandsKeepArrivalOrder() {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        ChatModel model = request -> {
            var text = lastUserText(request);
            if (text.equals("first")) {
                entered.countDown();
                AgentHarness.await(release);
            }
            return answer("re: " + text);
        };
        try (var h = new AgentHarness(model, b -> {})) {
            try {
                h.transport.receiveText("alice", "m1", "first");
                AgentHarness.await(entered);
                h.transport.receiveText("alice", "m2", "second");
                h.transport.receiveText("alice", "m3", "/text");
                h.transport.receiveText("alice", "m4", "third");
            } finally {
                release.countDown();
            }
            h.idle();

            assertThat(h.events(AgentEvent.TurnCompleted.class))
                    .extracting(AgentEvent.TurnCompleted::messageIds)
                    .containsExactly(List.of("m1"), List.of("m2"), List.of("m3"), List.of("m4"));
            assertThat(h.transport.sentTexts())
                    .containsExactly("re: first", "re: second", "I will answer in text from now on.", "re: third");
        }
    }

    @Test
    @DisplayName("check 19: turns of different users run concurrently")
    void check19DifferentUsersRunConcurrently() {
        var both = new CountDownLatch(2);
        ChatModel model = request -> {
            both.countDown();
            try {
                return answer(both.await(10, TimeUnit.SECONDS) ? "together" : "alone");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
        try (var h = new AgentHarness(model, b -> {})) {
            h.transport.receiveText("alice", "a1", "hi");
            h.transport.receiveText("bob", "b1", "hi");
            h.idle();

            assertThat(h.sentTo("alice")).extracting(m -> m.content().text()).containsExactly("together");
            assertThat(h.sentTo("bob")).extracting(m -> m.content().text()).containsExactly("together");
        }
    }

    @Test
    @DisplayName("check 50: a turn emits inbound received, turn completed, outbound sent, with one correlation id")
    void check50EventOrderOfATurn() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            var received = h.events(AgentEvent.InboundReceived.class);
            assertThat(received).hasSize(1);
            var correlationId = received.get(0).correlationId();
            var ofTurn = h.events.stream()
                    .filter(e -> switch (e) {
                        case AgentEvent.InboundReceived r -> r.correlationId().equals(correlationId);
                        case AgentEvent.TurnCompleted t -> t.correlationId().equals(correlationId);
                        case AgentEvent.OutboundSent s -> s.correlationId().equals(correlationId);
                        default -> false;
                    })
                    .map(e -> e.getClass().getSimpleName())
                    .toList();
            assertThat(ofTurn).containsExactly("InboundReceived", "TurnCompleted", "OutboundSent");
            var started = h.events(AgentEvent.SessionStarted.class).get(0);
            assertThat(h.events.indexOf(started))
                    .isGreaterThan(h.events.indexOf(received.get(0)))
                    .isLessThan(h.events.indexOf(
                            h.events(AgentEvent.TurnCompleted.class).get(0)));
            assertThat(h.events(AgentEvent.TurnCompleted.class).get(0).sessionId())
                    .isEqualTo(started.sessionId());
        }
    }
}
