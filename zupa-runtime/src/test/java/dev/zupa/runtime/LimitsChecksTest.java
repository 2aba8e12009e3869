package dev.zupa.runtime;

import static dev.zupa.runtime.AgentHarness.answer;
import static dev.zupa.runtime.AgentHarness.lastUserText;
import static dev.zupa.runtime.AgentHarness.providerError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.runtime.resilience.ProviderRole;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LimitsChecksTest {
    private static final String FALLBACK = Replies.defaults().fallback();
    private static final String RATE_LIMITED = Replies.defaults().rateLimited();

    /** A model that blocks the turn whose user text is "block" until released; echoes everything else. */
    private static final class Gate {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        ChatModel model() {
            return request -> {
                var text = lastUserText(request);
                if (text.equals("block")) {
                    entered.countDown();
                    AgentHarness.await(release);
                }
                return answer("you said: " + text);
            };
        }
    }

    @Test
    @DisplayName("check 21: a failed turn gets the fallback once, and a redelivery of its message is processed")
    void check21FailedTurnIsProcessedOnRedelivery() {
        var healed = new AtomicBoolean();
        ChatModel model = request -> {
            if (!healed.get()) {
                throw ProviderException.builder(ProviderErrorKind.BAD_REQUEST, "test", "x")
                        .build();
            }
            return answer("you said: " + lastUserText(request));
        };
        try (var h = new AgentHarness(model, b -> {})) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();
            assertThat(h.transport.sentTexts()).containsExactly(FALLBACK);
            assertThat(h.events(AgentEvent.TurnFailed.class)).hasSize(1);

            healed.set(true);
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly(FALLBACK, "you said: hello");
            assertThat(h.events(AgentEvent.InboundDuplicate.class)).isEmpty();
            assertThat(h.events(AgentEvent.TurnFailed.class)).hasSize(1);

            // processed now: a third delivery is a duplicate
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();
            assertThat(h.transport.sentTexts()).hasSize(2);
            assertThat(h.events(AgentEvent.InboundDuplicate.class)).hasSize(1);
        }
    }

    @Test
    @DisplayName("check 22: a sender over the per-user rate gets the rate-limit text; other senders are unaffected")
    void check22RateLimitedSenderIsToldToSlowDown() {
        try (var h = new AgentHarness(
                AgentHarness.echo(),
                b -> b.limits(Limits.builder().messagesPerUserPerMinute(2).build()))) {
            h.transport.receiveText("alice", "m1", "one");
            h.idle();
            h.transport.receiveText("alice", "m2", "two");
            h.idle();
            h.transport.receiveText("alice", "m3", "three");
            h.idle();
            h.transport.receiveText("bob", "b1", "hey");
            h.idle();

            assertThat(h.sentTo("alice"))
                    .extracting(m -> m.content().text())
                    .containsExactly("you said: one", "you said: two", RATE_LIMITED);
            assertThat(h.sentTo("bob")).extracting(m -> m.content().text()).containsExactly("you said: hey");
            assertThat(h.requests).extracting(AgentHarness::lastUserText).doesNotContain("three");
            assertThat(h.events(AgentEvent.InboundRejected.class))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.reason()).isEqualTo(AgentEvent.RejectReason.RATE_LIMITED);
                        assertThat(r.message().messageId()).isEqualTo("m3");
                    });
        }
    }

    @Test
    @DisplayName("check 22: the rate-limit text is the configured one")
    void check22RateLimitTextIsConfigurable() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> b.limits(
                        Limits.builder().messagesPerUserPerMinute(1).build())
                .replies(Replies.defaults().withRateLimited("easy there")))) {
            h.transport.receiveText("alice", "m1", "one");
            h.transport.receiveText("alice", "m2", "two");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactlyInAnyOrder("you said: one", "easy there");
        }
    }

    @Test
    @DisplayName("check 23: at the concurrency limit with REJECT, a message is rejected with the configured text")
    void check23OverloadRejectsWithConfiguredText() {
        var gate = new Gate();
        try (var h = new AgentHarness(gate.model(), b -> b.limits(Limits.builder()
                        .maxConcurrentTurns(1)
                        .overloadPolicy(OverloadPolicy.REJECT)
                        .build())
                .replies(Replies.defaults().withOverloaded("busy, try later")))) {
            try {
                h.transport.receiveText("alice", "a1", "block");
                AgentHarness.await(gate.entered);
                h.transport.receiveText("bob", "b1", "hi");
                h.awaitEvent(
                        AgentEvent.InboundRejected.class,
                        r -> r.message().messageId().equals("b1"));
                h.transport.awaitSent(1, AgentHarness.WAIT);
                assertThat(h.sentTo("bob")).extracting(m -> m.content().text()).containsExactly("busy, try later");
            } finally {
                gate.release.countDown();
            }
            h.idle();

            assertThat(h.sentTo("bob")).extracting(m -> m.content().text()).containsExactly("busy, try later");
            assertThat(h.sentTo("alice")).extracting(m -> m.content().text()).containsExactly("you said: block");
            assertThat(h.events(AgentEvent.InboundRejected.class))
                    .singleElement()
                    .extracting(AgentEvent.InboundRejected::reason)
                    .isEqualTo(AgentEvent.RejectReason.OVERLOADED);
            assertThat(h.requests).extracting(AgentHarness::lastUserText).containsExactly("block");
        }
    }

    @Test
    @DisplayName("check 23: without an overload text, a rejected message gets no reply at all")
    void check23OverloadSendsNothingUnlessConfigured() {
        var gate = new Gate();
        try (var h = new AgentHarness(
                gate.model(),
                b -> b.limits(Limits.builder()
                        .maxConcurrentTurns(1)
                        .overloadPolicy(OverloadPolicy.REJECT)
                        .build()))) {
            try {
                h.transport.receiveText("alice", "a1", "block");
                AgentHarness.await(gate.entered);
                h.transport.receiveText("bob", "b1", "hi");
                h.awaitEvent(
                        AgentEvent.InboundRejected.class,
                        r -> r.message().messageId().equals("b1"));
            } finally {
                gate.release.countDown();
            }
            h.idle();

            assertThat(h.sentTo("bob")).isEmpty();
            assertThat(h.transport.sentTexts()).containsExactly("you said: block");
        }
    }

    @Test
    @DisplayName("check 23: overloaded and rate-limited messages never hold a concurrency slot")
    void check23RejectedMessagesHoldNoSlot() {
        var gate = new Gate();
        try (var h = new AgentHarness(
                gate.model(),
                b -> b.limits(Limits.builder()
                        .maxConcurrentTurns(1)
                        .overloadPolicy(OverloadPolicy.REJECT)
                        .messagesPerUserPerMinute(2)
                        .build()))) {
            try {
                h.transport.receiveText("alice", "a1", "block");
                AgentHarness.await(gate.entered);
                h.transport.receiveText("bob", "b1", "hi");
                h.awaitEvent(
                        AgentEvent.InboundRejected.class,
                        r -> r.message().messageId().equals("b1"));
                h.transport.receiveText("bob", "b2", "hi");
                h.awaitEvent(
                        AgentEvent.InboundRejected.class,
                        r -> r.message().messageId().equals("b2"));
                h.transport.receiveText("bob", "b3", "hi");
                h.transport.receiveText("bob", "b4", "hi");
            } finally {
                gate.release.countDown();
            }
            h.idle();
            h.transport.receiveText("alice", "a2", "again");
            h.idle();
            h.transport.receiveText("carol", "c1", "hi");
            h.idle();

            assertThat(h.sentTo("alice"))
                    .extracting(m -> m.content().text())
                    .containsExactly("you said: block", "you said: again");
            assertThat(h.sentTo("carol")).extracting(m -> m.content().text()).containsExactly("you said: hi");
            assertThat(h.events(AgentEvent.InboundRejected.class))
                    .extracting(AgentEvent.InboundRejected::reason)
                    .containsExactly(
                            AgentEvent.RejectReason.OVERLOADED,
                            AgentEvent.RejectReason.OVERLOADED,
                            AgentEvent.RejectReason.RATE_LIMITED,
                            AgentEvent.RejectReason.RATE_LIMITED);
        }
    }

    @Test
    @DisplayName("check 23: once the agent is idle no slot is held: sequential messages are never rejected")
    void check23IdleAgentHoldsNoSlot() {
        try (var h = new AgentHarness(
                AgentHarness.echo(),
                b -> b.limits(Limits.builder()
                        .maxConcurrentTurns(1)
                        .overloadPolicy(OverloadPolicy.REJECT)
                        .build()))) {
            for (int i = 0; i < 100; i++) {
                h.transport.receiveText("user" + i, "m" + i, "hi");
                h.idle();
            }

            assertThat(h.events(AgentEvent.InboundRejected.class)).isEmpty();
            assertThat(h.transport.sentTexts()).hasSize(100);
        }
    }

    @Test
    @DisplayName("check 23: at the concurrency limit with QUEUE, a message waits for a slot and is answered later")
    void check23OverloadQueueWaitsForASlot() {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var aliceReleased = new AtomicBoolean();
        var bobRanAfterAlice = new AtomicBoolean();
        ChatModel model = request -> {
            var text = lastUserText(request);
            if (text.equals("block")) {
                entered.countDown();
                AgentHarness.await(release);
            } else {
                bobRanAfterAlice.set(aliceReleased.get());
            }
            return answer("you said: " + text);
        };
        try (var h = new AgentHarness(
                model,
                b -> b.limits(Limits.builder()
                        .maxConcurrentTurns(1)
                        .overloadPolicy(OverloadPolicy.QUEUE)
                        .build()))) {
            try {
                h.transport.receiveText("alice", "a1", "block");
                AgentHarness.await(entered);
                h.transport.receiveText("bob", "b1", "hi");
            } finally {
                aliceReleased.set(true);
                release.countDown();
            }
            h.idle();

            assertThat(bobRanAfterAlice).isTrue();
            assertThat(h.sentTo("bob")).extracting(m -> m.content().text()).containsExactly("you said: hi");
            assertThat(h.events(AgentEvent.InboundRejected.class)).isEmpty();
        }
    }

    @Test
    @DisplayName("check 24: a transient model error is retried modelRetries times, then the fallback is sent once")
    void check24TransientErrorsAreRetriedThenFallback() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.always().fail(() -> providerError(ProviderErrorKind.UNAVAILABLE)))
                .build();
        try (var h = new AgentHarness(
                model,
                b -> b.callPolicy(
                        ProviderRole.MODEL,
                        AgentHarness.policy(ProviderRole.MODEL).maxRetries(3).build()))) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.requests).hasSize(4);
            assertThat(h.transport.sentTexts()).containsExactly(FALLBACK);
            assertThat(h.events(AgentEvent.TurnFailed.class)).hasSize(1);
            assertThat(h.ledgerTypes(h.sessionId())).contains("turn.failed");
        }
    }

    @Test
    @DisplayName("check 24: the default is two retries, and a retry that succeeds answers normally")
    void check24RetrySucceeds() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.always().reply("fine"))
                .failFirst(2, () -> providerError(ProviderErrorKind.UNAVAILABLE))
                .build();
        try (var h = new AgentHarness(model, b -> {})) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.requests).hasSize(3);
            assertThat(h.transport.sentTexts()).containsExactly("fine");
            assertThat(h.events(AgentEvent.TurnFailed.class)).isEmpty();
        }
    }

    @Test
    @DisplayName("check 24: a terminal model error is not retried")
    void check24TerminalErrorIsNotRetried() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.always().fail(() -> providerError(ProviderErrorKind.BAD_REQUEST)))
                .build();
        try (var h = new AgentHarness(model, b -> {})) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.requests).hasSize(1);
            assertThat(h.transport.sentTexts()).containsExactly(FALLBACK);
            assertThat(h.events(AgentEvent.TurnFailed.class)).hasSize(1);
        }
    }

    @Test
    @DisplayName("check 25: a directory failure after the reply was delivered sends no fallback")
    void check25FailureAfterDeliveryInDirectorySendsNoFallback() {
        var directory = new RecordingDirectory();
        directory.failTouch = true;
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {}, CheckpointStore.inMemory(), directory)) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly("you said: hello");
            assertThat(h.events(AgentEvent.TurnFailed.class)).isEmpty();
        }
    }

    @Test
    @DisplayName("check 25: a failure to record the send after delivery sends no fallback and no second copy")
    void check25FailureRecordingTheSendSendsNoFallback() {
        var store = new RecordingCheckpointStore();
        store.failAppendsOf = Set.of("outbound.sent");
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {}, store, ConversationDirectory.inMemory())) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly("you said: hello");
            assertThat(h.events(AgentEvent.TurnFailed.class)).isEmpty();
        }
    }

    @Test
    @DisplayName("check 25: a listener failing on the sent event sends no fallback")
    void check25ListenerFailureAfterDeliverySendsNoFallback() {
        try (var h = new AgentHarness(
                AgentHarness.echo(),
                b -> b.listener(e -> {
                    if (e instanceof AgentEvent.OutboundSent) {
                        throw new IllegalStateException("injected listener failure");
                    }
                }))) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly("you said: hello");
            assertThat(h.events(AgentEvent.TurnFailed.class)).isEmpty();
        }
    }

    @Test
    @DisplayName("check 26: a model call past its timeout is cancelled (interrupted) and the user gets the fallback")
    void check26ModelTimeoutCancelsTheCall() {
        var hang = new AgentHarness.Hang();
        ChatModel model = request -> {
            throw hang.block();
        };
        var policy = AgentHarness.policy(ProviderRole.MODEL)
                .timeout(Duration.ofMillis(200))
                .maxRetries(0)
                .build();
        try (var h = new AgentHarness(model, b -> b.callPolicy(ProviderRole.MODEL, policy))) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            hang.assertCancelled();
            assertThat(h.transport.sentTexts()).containsExactly(FALLBACK);
            assertThat(h.events(AgentEvent.TurnFailed.class)).singleElement().satisfies(f -> assertThat(f.error())
                    .contains("timed out"));
        }
    }

    @Test
    @DisplayName("check 27: with a single user, another sender gets the restriction text; no model call, no user")
    void check27SingleUserRestrictsOthers() {
        var directory = new RecordingDirectory();
        try (var h = new AgentHarness(
                AgentHarness.echo(), b -> b.singleUser("alice"), CheckpointStore.inMemory(), directory)) {
            h.transport.receiveText("bob", "b1", "hi");
            h.idle();

            assertThat(h.sentTo("bob"))
                    .extracting(m -> m.content().text())
                    .containsExactly(Replies.defaults().restricted());
            assertThat(h.requests).isEmpty();
            assertThat(directory.lookedUp).doesNotContain("bob");
            assertThat(directory.usersCreated).hasValue(0);
            assertThat(directory.activeSessions(10)).isEmpty();

            h.transport.receiveText("alice", "a1", "hi");
            h.idle();
            assertThat(h.sentTo("alice")).extracting(m -> m.content().text()).containsExactly("you said: hi");
            assertThat(directory.usersCreated).hasValue(1);
        }
    }
}
